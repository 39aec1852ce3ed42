import type { TFunction } from 'i18next';
import type { MailFolder } from '@mailroom/sdk';

const ROLE_ORDER = ['inbox', 'drafts', 'sent', 'archive', 'trash'] as const;

/** A folder's name as shown: system folders by their role, in the interface language. */
export const folderName = (t: TFunction, f: Pick<MailFolder, 'role' | 'name'>) => (f.role ? t(`mail.folders.${f.role}`) : f.name);

export interface FolderNode {
  folder: MailFolder;
  depth: number;
  children: FolderNode[];
}

const order = (a: MailFolder, b: MailFolder) => {
  const ra = a.role ? ROLE_ORDER.indexOf(a.role) : ROLE_ORDER.length;
  const rb = b.role ? ROLE_ORDER.indexOf(b.role) : ROLE_ORDER.length;
  return ra - rb || a.name.localeCompare(b.name);
};

/** System folders first (Inbox, Drafts, Sent, Archive, Trash), own folders nested by parentId and sorted by name. */
export function folderTree(items: MailFolder[]): FolderNode[] {
  const ids = new Set(items.map((f) => f.id));
  const kids = new Map<string | null, MailFolder[]>();
  for (const f of items) {
    const parent = f.parentId && ids.has(f.parentId) ? f.parentId : null;
    kids.set(parent, [...(kids.get(parent) ?? []), f]);
  }
  const seen = new Set<string>();
  const grow = (parent: string | null, depth: number): FolderNode[] =>
    (kids.get(parent) ?? [])
      .filter((f) => !seen.has(f.id) && seen.add(f.id))
      .sort(order)
      .map((f) => ({ folder: f, depth, children: grow(f.id, depth + 1) }));
  return grow(null, 0);
}

export const flattenFolders = (nodes: FolderNode[]): FolderNode[] => nodes.flatMap((n) => [n, ...flattenFolders(n.children)]);

/** The folder and everything inside it (a folder cannot be moved into these). */
export const folderSubtree = (node: FolderNode) => new Set(flattenFolders([node]).map((n) => n.folder.id));
