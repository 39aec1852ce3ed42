import type { TFunction } from 'i18next';
import type { Account, MailFolder } from '@mailroom/sdk';

const ROLE_ORDER = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'] as const;
export type ShownRole = (typeof ROLE_ORDER)[number];

/** The part a folder plays: my own system folder's role, or the one its account's server gave it (its top folder has none). */
export const shownRole = (f: Pick<MailFolder, 'role' | 'accountRole'>): ShownRole | null => f.role ?? (f.accountRole === 'account' ? null : f.accountRole);

/** A folder's name as shown: system folders (mine and my accounts') by their role, in the interface language. */
export const folderName = (t: TFunction, f: Pick<MailFolder, 'role' | 'accountRole' | 'name'>) => {
  const role = shownRole(f);
  return role ? t(`mail.folders.${role}`) : f.name;
};

export interface FolderNode {
  folder: MailFolder;
  depth: number;
  children: FolderNode[];
}

const rank = (f: MailFolder) => {
  const role = shownRole(f);
  return role ? ROLE_ORDER.indexOf(role) : ROLE_ORDER.length;
};
const order = (a: MailFolder, b: MailFolder) => rank(a) - rank(b) || a.name.localeCompare(b.name);

/** System folders first (Inbox, Drafts, Sent, Archive, Junk, Trash), the others nested by parentId and sorted by name. */
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
 * The tree as shown: my own folders, then each external account's tree (its top folder, mirrored
 * from its server). Also which top folder is which account's.
 */
export function withAccounts(tree: FolderNode[], accounts: Account[]) {
  const tops = new Map<string, Account>();
  for (const { folder: f } of tree) {
    const account = f.accountRole === 'account' ? accounts.find((a) => a.id === f.accountId) : undefined;
    if (account) tops.set(f.id, account);
  }
  const mine = tree.filter((n) => !n.folder.accountId);
  const nodes = flattenFolders([...mine, ...tree.filter((n) => n.folder.accountId)]);
  return { nodes, tops };
}
