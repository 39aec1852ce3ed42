/** TanStack Query keys, in one place so that event handlers invalidate exactly what they should. */
export const keys = {
  me: ['me'] as const,
  users: ['users'] as const,
  usersList: (q: string) => ['users', 'list', q] as const,
  userSearch: (q: string) => ['users', 'search', q] as const,
  user: (id: string) => ['users', 'one', id] as const,
  usersByIds: (ids: string[]) => ['users', 'byIds', [...ids].sort().join(',')] as const,
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
  /** External mail accounts: the list (with their state) and the provider presets. */
  accounts: ['accounts'] as const,
  /** Administrators: the organisation's shared mailboxes (under accounts: an account's change refreshes them too). */
  sharedAccounts: ['accounts', 'shared'] as const,
  accountPresets: ['accountPresets'] as const,
  oauthClients: ['oauthClients'] as const,
  /** Administrators: the outgoing mail queue (lists by status, log lines) and the system account it sends through. */
  outbox: ['outbox'] as const,
  outboxList: (status: string) => ['outbox', 'list', status] as const,
  outboxLog: (outboxId: string) => ['outbox', 'log', outboxId] as const,
  systemMail: ['systemMail'] as const,
  /** Discussions: the list, one discussion, its messages, search results. */
  discussions: ['discussions'] as const,
  discussionList: ['discussions', 'list'] as const,
  discussion: (id: string) => ['discussions', 'one', id] as const,
  discussionMessages: (id: string) => ['discussions', 'messages', id] as const,
  discussionSearch: (q: string) => ['discussions', 'search', q] as const,
  /** Presence: other people's (by the ids asked), and my own status and settings. */
  presence: (ids: string[]) => ['presence', 'of', [...ids].sort().join(',')] as const,
  myPresence: ['presence', 'me'] as const,
  peopleSearch: (q: string) => ['users', 'people', q] as const,
  remoteFolders: (accountId: string) => ['remote', accountId, 'folders'] as const,
  remoteMessages: (accountId: string, folder: string) => ['remote', accountId, 'messages', folder] as const,
  remoteMessage: (accountId: string, folder: string, uid: number) => ['remote', accountId, 'message', folder, uid] as const,
};
