import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OutboxItem, OutboxLogEntry, OutboxProblem, OutboxStatus, SystemMailInput, SystemMailSettings, Upload } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';

/** The SDK has no outbox calls yet: the same transport (cookie session, CSRF token) under the admin paths. */
const call = <T>(method: string, path: string, body?: unknown, query?: Record<string, unknown>) =>
  client.http.call<T>(method, `/api/v1/admin${path}`, body, query);

export type OutboxCounts = Record<OutboxStatus, number>;
export interface OutboxPage { items: OutboxItem[]; nextCursor: string | null; counts: OutboxCounts }
export interface OutboxLogPage { items: OutboxLogEntry[]; nextCursor: string | null }
export interface SystemMailTestResult { ok: boolean; response: string | null; problem: OutboxProblem | null; detail: string | null }
export type OutboxAction = 'retry' | 'send-now' | 'cancel';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['queued', 'sending', 'deferred', 'sent', 'failed', 'cancelled'];
export const OUTBOX_PAGE = 30;
const BUSY_MS = 2_000;
const IDLE_MS = 15_000;

/**
 * Everything loaded so far, newest (highest id) first. The server orders its pages by the id as text
 * (so "9" comes before "12"); ordering again here keeps the screen right whatever the server does.
 */
export function newestFirst<T extends { id: string }>(pages: { items: T[] }[] | undefined): T[] {
  const byId = new Map<string, T>();
  for (const p of pages ?? []) for (const x of p.items) byId.set(x.id, x);
  const num = (id: string) => (/^\d+$/.test(id) ? BigInt(id) : 0n);
  return [...byId.values()].sort((a, b) => {
    const d = num(b.id) - num(a.id);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  });
}

/** Which actions a message in this state allows (the server answers CONFLICT otherwise). */
export const actionsFor = (s: OutboxStatus): OutboxAction[] =>
  s === 'failed' || s === 'cancelled' ? ['retry'] : s === 'queued' || s === 'deferred' ? ['send-now', 'cancel'] : [];

/** The queue, newest first, of one status or all ('all'); asked for often while mail is waiting to go. */
export function useOutbox(status: OutboxStatus | 'all') {
  return useInfiniteQuery({
    queryKey: keys.outboxList(status),
    queryFn: ({ pageParam }) =>
      call<OutboxPage>('GET', '/outbox', undefined, { status: status === 'all' ? undefined : status, limit: OUTBOX_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) => {
      const c = q.state.data?.pages[0]?.counts;
      return c && c.queued + c.sending > 0 ? BUSY_MS : IDLE_MS;
    },
  });
}

/** The delivery log, newest first: of one message, or of all ('' ). */
export function useOutboxLog(outboxId: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: keys.outboxLog(outboxId),
    queryFn: ({ pageParam }) => call<OutboxLogPage>('GET', '/outbox/log', undefined, { outboxId: outboxId || undefined, limit: OUTBOX_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: IDLE_MS,
    enabled,
  });
}

/** Retry, send now or cancel one message; the lists and the log are asked for anew either way (its state may have moved on). */
export function useOutboxAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: OutboxAction }) => call<OutboxItem>('POST', `/outbox/${encodeURIComponent(id)}/${action}`),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.outbox }),
  });
}

export function useSystemMail() {
  return useQuery({ queryKey: keys.systemMail, queryFn: () => call<SystemMailSettings>('GET', '/system-mail') });
}

export function useSaveSystemMail(onSaved: (s: SystemMailSettings) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SystemMailInput) => call<SystemMailSettings>('PUT', '/system-mail', input),
    onSuccess: (s) => {
      qc.setQueryData(keys.systemMail, s);
      onSaved(s);
    },
  });
}

/**
 * "Sign in with the provider" for the system account: the form is saved first (so that the chosen
 * provider and user name are stored; the same provider keeps a sign-in already made), then the
 * browser goes to the provider, which sends it back to /admin/system-mail?connected=1.
 */
export function useSystemMailSignIn(onSaved: (s: SystemMailSettings) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: SystemMailInput & { oauthPreset: string }) => {
      const saved = await call<SystemMailSettings>('PUT', '/system-mail', input);
      qc.setQueryData(keys.systemMail, saved);
      onSaved(saved);
      return call<{ authorizeUrl: string }>('POST', '/system-mail/oauth/start', { preset: input.oauthPreset });
    },
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  });
}

/** "Send test message": the file, if any, is uploaded first (as for a message being written). */
export function useSystemMailTest() {
  return useMutation({
    mutationFn: async ({ to, file }: { to: string; file: File | null }) => {
      const upload: Upload | null = file ? await client.mail.upload(file.name, file, file.type || 'application/octet-stream') : null;
      return call<SystemMailTestResult>('POST', '/system-mail/test', upload ? { to, uploadId: upload.uploadId } : { to });
    },
  });
}
