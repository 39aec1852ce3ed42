import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account, AccountInput } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';

/**
 * The event stream tells when an account's state changes (account.changed); while a full-mode
 * account is new or synchronising its state is also asked for now and then, in case an event is missed.
 */
const WATCH_MS = 30_000;
const SHARED_WATCH_MS = 5_000;
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

/** Administrators: the shared mailboxes; their events go to the people responsible, so the state is asked for more often while one synchronises. */
export function useSharedAccounts() {
  return useQuery({
    queryKey: keys.sharedAccounts,
    queryFn: () => client.accounts.shared().then((r) => r.items),
    refetchInterval: (q) => (busy(q.state.data) ? SHARED_WATCH_MS : false),
  });
}

export function usePresets() {
  return useQuery({ queryKey: keys.accountPresets, queryFn: () => client.accounts.presets().then((r) => r.items), staleTime: 10 * 60_000 });
}

/** An account's help page at its provider (from its preset), if the preset has one. */
export function usePresetHelpUrl() {
  const presets = usePresets();
  return (a: Account) => presets.data?.find((p) => p.id === a.preset)?.helpUrl ?? null;
}

/** Removing an account (a person's own or a shared mailbox): the lists and the mail it brought in are asked for anew. */
export function useRemoveAccount(onRemoved: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: Account) => client.accounts.remove(a.id),
    onSuccess: () => {
      onRemoved();
      void qc.invalidateQueries({ queryKey: keys.accounts });
      void qc.invalidateQueries({ queryKey: keys.mail });
    },
  });
}

/** Administrators: the organisation's OAuth2 clients at providers (no secrets). */
export function useOAuthClients() {
  return useQuery({ queryKey: keys.oauthClients, queryFn: () => client.accounts.oauthClients().then((r) => r.items) });
}

/** "Sign in with the provider": a new account's settings (no password) or an account to sign in again; the browser goes to the provider. */
export function useStartOAuth() {
  return useMutation({
    mutationFn: (a: Omit<AccountInput, 'password'> | { accountId: string }) => client.accounts.startOAuth(a),
    onSuccess: ({ authorizeUrl }) => {
      window.location.href = authorizeUrl;
    },
  });
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
