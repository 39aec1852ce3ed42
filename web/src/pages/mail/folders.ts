import type { TFunction } from 'i18next';
import type { Account, MailFolder } from '@mailroom/sdk';

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

/**
 * The tree as shown: my own folders, then each external account's tree (a top-level folder named
 * after the account, mirrored from its server). Also which top folder is which account's, and
 * every folder of those trees.
 */
export function withAccounts(tree: FolderNode[], accounts: Account[]) {
  const tops = new Map<string, Account>();
  const mirrored = new Set<string>();
  for (const n of tree) {
    const account = n.folder.role ? undefined : accounts.find((a) => a.name === n.folder.name);
    if (!account) continue;
    tops.set(n.folder.id, account);
    for (const id of folderSubtree(n)) mirrored.add(id);
  }
  const nodes = flattenFolders([...tree.filter((n) => !tops.has(n.folder.id)), ...tree.filter((n) => tops.has(n.folder.id))]);
  return { nodes, tops, mirrored };
}
