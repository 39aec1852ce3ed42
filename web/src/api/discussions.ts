import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { ChatMessage, Discussion, Page } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';
import { createStore } from './store.ts';

export const LIST_PAGE = 30;
export const MESSAGE_PAGE = 40;

export type ListData = InfiniteData<Page<Discussion>, string | undefined>;
export type MessagesData = InfiniteData<Page<ChatMessage>, number | undefined>;

/** My discussions: pinned first, then by the newest message; paged with "Load more". */
export function useDiscussionList() {
  return useInfiniteQuery({
    queryKey: keys.discussionList,
    queryFn: ({ pageParam }) => client.discussions.list({ limit: LIST_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<Discussion>) => last.nextCursor ?? undefined,
  });
}

/** One discussion; seeded from the list when it is there (no loading flash when opening it). */
export function useDiscussion(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: keys.discussion(id ?? ''),
    queryFn: () => client.discussions.get(id!),
    enabled: !!id,
    initialData: () => (id ? findInList(qc.getQueryData<ListData>(keys.discussionList), id) : undefined),
    initialDataUpdatedAt: () => qc.getQueryState(keys.discussionList)?.dataUpdatedAt,
  });
}

export const findInList = (data: ListData | undefined, id: string) => data?.pages.flatMap((p) => p.items).find((d) => d.id === id);

/** Messages of a discussion, newest first page by page (paging back with `before`); shown oldest first. */
export function useMessages(id: string) {
  return useInfiniteQuery({
    queryKey: keys.discussionMessages(id),
    queryFn: ({ pageParam }) => client.discussions.messages(id, { before: pageParam, limit: MESSAGE_PAGE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last: Page<ChatMessage>) => (last.nextCursor ? Number(last.nextCursor) : undefined),
    // live events keep it current; the stream's resync and reconnects refetch it
    staleTime: 60_000,
  });
}

/** Full-text search over the messages I may see. */
export function useDiscussionSearch(q: string | null) {
  return useQuery({
    queryKey: keys.discussionSearch(q ?? ''),
    queryFn: () => client.discussions.search(q!, 30).then((r) => r.items),
    enabled: !!q,
  });
}

/** The discussion on screen (its messages count as read while the tab is visible; no alerts for it). */
export const openDiscussion = createStore<string | null>(null);

/** Whether the discussion is open and the person can see it right now. */
export const isWatching = (discussionId: string) => openDiscussion.get() === discussionId && document.visibilityState === 'visible';
