import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Account } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';

/** While a full-mode account is new or synchronising, its state is asked for again every few seconds. */
const WATCH_MS = 3000;
const busy = (items: Account[] | undefined) => !!items?.some(syncing);
/** A full-mode account waiting for or in the middle of a synchronisation (light mode keeps nothing to synchronise). */
export const syncing = (a: Account) => a.mode === 'full' && (a.status === 'new' || a.status === 'syncing');

export function useAccounts() {
  return useQuery({
    queryKey: keys.accounts,
    queryFn: () => client.accounts.list().then((r) => r.items),
    refetchInterval: (q) => (busy(q.state.data) ? WATCH_MS : false),
  });
}

export function usePresets() {
  return useQuery({ queryKey: keys.accountPresets, queryFn: () => client.accounts.presets().then((r) => r.items), staleTime: 10 * 60_000 });
}

export const REMOTE_PAGE = 50;

/** Light mode: the server's folders of an account. */
export function useRemoteFolders(accountId: string) {
  return useQuery({ queryKey: keys.remoteFolders(accountId), queryFn: () => client.accounts.remoteFolders(accountId).then((r) => r.items) });
}

/** Light mode: a folder on the server, newest first, page by page (below the last UID shown). */
export function useRemoteMessages(accountId: string, folder: string | null) {
  return useInfiniteQuery({
    queryKey: keys.remoteMessages(accountId, folder ?? ''),
    queryFn: ({ pageParam }) => client.accounts.remoteMessages(accountId, { folder: folder!, before: pageParam, limit: REMOTE_PAGE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    enabled: !!folder,
  });
}

export function useRemoteMessage(accountId: string, folder: string, uid: number | null) {
  return useQuery({
    queryKey: keys.remoteMessage(accountId, folder, uid ?? 0),
    queryFn: () => client.accounts.remoteMessage(accountId, folder, uid!),
    enabled: uid !== null,
  });
}
