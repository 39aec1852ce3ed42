import { Box, Paper, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDiscussionList } from '../../api/discussions.ts';
import { usePresenceOf } from '../../api/presence.ts';
import { useMe } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { Loading } from '../../components/Loading.tsx';
import { DiscussionRow } from './DiscussionRow.tsx';

/** My discussions, pinned first, with "Load more". */
export function DiscussionList({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const list = useDiscussionList();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const other = (members: { id: string }[]) => members.find((m) => m.id !== me.id)?.id;
  const presence = usePresenceOf(items.filter((d) => d.kind === 'direct').map((d) => other(d.members) ?? ''));
  return (
    <Paper withBorder radius="md" style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, overflow: 'hidden' }} data-testid="discussion-list" aria-label={t('discussions.listLabel')}>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <ErrorAlert error={list.error} />
        {list.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" px="md" size="sm" data-testid="discussion-list-empty">
            {t('discussions.empty')}
          </Text>
        ) : (
          <Box>
            {items.map((d) => (
              <DiscussionRow
                key={d.id}
                discussion={d}
                selected={d.id === selectedId}
                presence={d.kind === 'direct' ? presence[other(d.members) ?? ''] : undefined}
                onOpen={() => onOpen(d.id)}
              />
            ))}
            <Box pb="md">
              <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoad={() => void list.fetchNextPage()} />
            </Box>
          </Box>
        )}
      </ScrollArea>
    </Paper>
  );
}
