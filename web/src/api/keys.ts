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
};
