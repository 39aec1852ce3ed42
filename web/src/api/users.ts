import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { User } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';

/** People by their ids (their names for a list of ids), fetched in one call per 200 ids. */
export function useUsersByIds(ids: string[]) {
  return useQuery({
    queryKey: keys.usersByIds(ids),
    queryFn: async () => {
      const byId = new Map<string, User>();
      for (let i = 0; i < ids.length; i += 200) {
        const page = await client.users.list({ ids: ids.slice(i, i + 200), limit: 200 });
        for (const u of page.items) byId.set(u.id, u);
      }
      return byId;
    },
    enabled: ids.length > 0,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
