import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import type { MailFolder, MailSummary, Page } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';
import { createStore } from './store.ts';

export const PAGE_SIZE = 30;
/** Polling interval when neither the server nor the person set one (PRODUCT.md §4). */
export const DEFAULT_POLL_SECONDS = 300;

export function useFolders() {
  return useQuery({ queryKey: keys.mailFolders, queryFn: () => client.mail.folders().then((r) => r.items) });
}

export function useMailList(folderId: string | null) {
  return useInfiniteQuery({
    queryKey: keys.mailList(folderId ?? ''),
    queryFn: ({ pageParam }) => client.mail.list(folderId!, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<MailSummary>) => last.nextCursor ?? undefined,
    enabled: !!folderId,
  });
}

export interface SearchParams {
  q: string;
  folderId?: string;
  hasAttachment?: boolean;
  importance?: 'normal' | 'high';
  unread?: boolean;
  /** yyyy-mm-dd (a day in the user's calendar) */
  since?: string;
  until?: string;
}

/** A day (yyyy-mm-dd) as the start or the end of that day, for the search filters. */
const dayBound = (day: string | undefined, end: boolean) => {
  if (!day) return undefined;
  const d = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

export function useMailSearch(params: SearchParams | null) {
  return useInfiniteQuery({
    queryKey: keys.mailSearch(params ?? {}),
    queryFn: ({ pageParam }) =>
      client.mail.search({
        ...params!,
        since: dayBound(params!.since, false),
        until: dayBound(params!.until, true),
        limit: PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<MailSummary>) => last.nextCursor ?? undefined,
    enabled: !!params,
  });
}

export function useMessage(entryId: string | null) {
  return useQuery({ queryKey: keys.mailEntry(entryId ?? ''), queryFn: () => client.mail.get(entryId!), enabled: !!entryId });
}

export function useThread(entryId: string | null) {
  return useQuery({ queryKey: keys.mailThread(entryId ?? ''), queryFn: () => client.mail.thread(entryId!).then((r) => r.items), enabled: !!entryId });
}

export function useDeliveries(entryId: string | null) {
  return useQuery({ queryKey: keys.mailDeliveries(entryId ?? ''), queryFn: () => client.mail.deliveries(entryId!), enabled: !!entryId });
}

export function useMailSettings() {
  return useQuery({ queryKey: keys.mailSettings, queryFn: () => client.mail.settings(), staleTime: 5 * 60_000, retry: false });
}

/** After any change to the mailbox: counts, lists, open messages and delivery panels are fetched again. */
export function refreshMail(qc: QueryClient) {
  return qc.invalidateQueries({ queryKey: keys.mail });
}

export const folderByRole = (folders: MailFolder[] | undefined, role: NonNullable<MailFolder['role']>) => folders?.find((f) => f.role === role);

/** New mail announced by the event stream, waiting to be shown (a modal for high importance, a toast otherwise). */
export interface MailAlert {
  key: string;
  messageId: string;
  subject: string;
  importance: 'normal' | 'high';
  senderName: string;
}
export const mailAlerts = createStore<MailAlert[]>([]);
export const pushMailAlert = (a: MailAlert) => {
  if (!mailAlerts.get().some((x) => x.key === a.key)) mailAlerts.set([...mailAlerts.get(), a]);
};
export const dropMailAlert = (key: string) => mailAlerts.set(mailAlerts.get().filter((a) => a.key !== key));

/** A message the mail screen should open (by message id, e.g. "Open" in the alert). */
export const openRequest = createStore<string | null>(null);
/** An entry the mail screen should open in its own folder (e.g. "Open in Mail" after an import). */
export const openEntryRequest = createStore<string | null>(null);

/** Whether the event stream is open; without it the mail screen polls. */
export const streamStatus = createStore<'connecting' | 'open' | 'closed'>('closed');
