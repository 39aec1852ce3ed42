/** TanStack Query keys, in one place so that event handlers invalidate exactly what they should. */
export const keys = {
  me: ['me'] as const,
  users: ['users'] as const,
  usersList: (q: string) => ['users', 'list', q] as const,
  userSearch: (q: string) => ['users', 'search', q] as const,
  user: (id: string) => ['users', 'one', id] as const,
  groups: ['groups'] as const,
  departments: ['departments'] as const,
  apiKeys: ['apikeys'] as const,
  /** Everything of the mailbox: invalidating this refreshes folders, lists, messages and deliveries. */
  mail: ['mail'] as const,
  mailFolders: ['mail', 'folders'] as const,
  mailLists: ['mail', 'list'] as const,
  mailList: (folderId: string) => ['mail', 'list', folderId] as const,
  mailSearches: ['mail', 'search'] as const,
  mailSearch: (q: object) => ['mail', 'search', q] as const,
  mailEntry: (id: string) => ['mail', 'entry', id] as const,
  mailThread: (id: string) => ['mail', 'thread', id] as const,
  mailDeliveriesAll: ['mail', 'deliveries'] as const,
  mailDeliveries: (id: string) => ['mail', 'deliveries', id] as const,
  mailRecipients: (q: string) => ['mailRecipients', q] as const,
  mailSettings: ['mailSettings'] as const,
};
