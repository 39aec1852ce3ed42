import { useEffect, useMemo, useRef } from 'react';
import { Box, Button, Center, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatMessage, Discussion } from '@mailroom/sdk';
import { useMessages } from '../../api/discussions.ts';
import { outgoing } from '../../api/outgoing.ts';
import { useMe } from '../../api/session.ts';
import { useStore } from '../../api/store.ts';
import { useUsersByIds } from '../../api/users.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { MessageItem } from './MessageItem.tsx';
import { PendingMessage } from './PendingMessage.tsx';
import { useReadMarker } from './useReadMarker.ts';

const GROUP_MS = 5 * 60_000;
const sameRun = (prev: ChatMessage | undefined, m: ChatMessage) =>
  !!prev && !prev.deleted && prev.author?.id === m.author?.id && !m.replyTo && new Date(m.createdAt).getTime() - new Date(prev.createdAt).getTime() < GROUP_MS;

/**
 * The messages, newest at the bottom: older pages load when scrolling up (GET …/messages?before=),
 * my unsent ones follow the server's with their state. The scroller runs bottom-up
 * (column-reverse), so it stays at the newest message and keeps its place when older ones load.
 */
export function MessageTimeline({ discussion, onReply }: { discussion: Discussion; onReply: (m: ChatMessage) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const q = useMessages(discussion.id);
  const scroller = useRef<HTMLDivElement>(null);
  const messages = useMemo(() => (q.data?.pages.flatMap((p) => p.items) ?? []).slice().reverse(), [q.data]);
  const all = useStore(outgoing);
  const pending = useMemo(() => {
    const stored = new Set(messages.filter((m) => m.author?.id === me.id).map((m) => m.clientId));
    return all.filter((r) => r.discussionId === discussion.id && !stored.has(r.clientId));
  }, [all, messages, discussion.id, me.id]);
  const newestSeq = messages.length ? messages[messages.length - 1]!.seq : 0;
  useReadMarker(discussion, newestSeq);

  // names of the people mentioned: the members, or (about an object) looked up
  const unknown = [...new Set(messages.flatMap((m) => m.mentions))].filter((id) => !discussion.members.some((p) => p.id === id));
  const looked = useUsersByIds(unknown).data;
  const names = useMemo(() => {
    const n = new Map(discussion.members.map((p) => [p.id, p.name]));
    for (const [id, u] of looked ?? []) n.set(id, u.name);
    n.set(me.id, me.name);
    return n;
  }, [discussion.members, looked, me.id, me.name]);

  // what I write goes to the bottom, even when I had scrolled up
  const pendingCount = pending.length;
  useEffect(() => {
    if (pendingCount && scroller.current) scroller.current.scrollTop = 0;
  }, [pendingCount]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el || !q.hasNextPage || q.isFetchingNextPage) return;
    if (el.scrollHeight - el.clientHeight - Math.abs(el.scrollTop) < 120) void q.fetchNextPage();
  };

  return (
    <Box ref={scroller} onScroll={onScroll} style={{ flex: 1, minHeight: 0, overflowY: 'auto', display: 'flex', flexDirection: 'column-reverse' }} data-testid="chat-messages">
      <Box px="sm" py="xs">
        {q.hasNextPage && (
          <Center>
            <Button variant="subtle" size="xs" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()} data-testid="chat-older">
              {t('discussions.message.older')}
            </Button>
          </Center>
        )}
        <ErrorAlert error={q.error} />
        {q.isPending ? (
          <Loading />
        ) : (
          !messages.length &&
          !pending.length && (
            <Text c="dimmed" ta="center" py="xl" size="sm" data-testid="chat-empty">
              {t('discussions.message.empty')}
            </Text>
          )
        )}
        {messages.map((m, i) => (
          <MessageItem key={m.id} message={m} compact={sameRun(messages[i - 1], m)} names={names} onReply={onReply} />
        ))}
        {pending.map((r) => (
          <PendingMessage key={r.clientId} item={r} />
        ))}
      </Box>
    </Box>
  );
}
