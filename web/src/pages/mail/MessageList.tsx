import { Box, Group, Paper, ScrollArea, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient, type UseInfiniteQueryResult, type InfiniteData } from '@tanstack/react-query';
import type { MailSummary, Page } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { Loading } from '../../components/Loading.tsx';
import { MessageRow } from './MessageRow.tsx';

interface Props {
  title: string;
  query: UseInfiniteQueryResult<InfiniteData<Page<MailSummary>>>;
  showRecipients: boolean;
  selectedId: string | null;
  onOpen: (item: MailSummary) => void;
  emptyText: string;
  /** Buttons at the right of the title (e.g. Empty Trash). */
  actions?: React.ReactNode;
  /** Before the title (on a phone: back to the folders). */
  back?: React.ReactNode;
  testId: string;
}

/** A paged list of messages (a folder or search results) with "Load more". */
export function MessageList({ back, title, query, showRecipients, selectedId, onOpen, emptyText, actions, testId }: Props) {
  const qc = useQueryClient();
  const flag = useMutation({
    mutationFn: (m: MailSummary) => client.mail.update(m.id, { flagged: !m.flagged }),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.mail }),
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder radius="md" style={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%', overflow: 'hidden' }} data-testid={testId}>
      <Group justify="space-between" px="sm" py={8} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          {back}
          <Title order={3} size="h5" lineClamp={1} data-testid="mail-list-title">
            {title}
          </Title>
        </Group>
        {actions}
      </Group>
      <ScrollArea style={{ flex: 1 }} type="auto" offsetScrollbars={false}>
        <ErrorAlert error={query.error ?? flag.error} testId="mail-list-error" />
        {query.isPending && query.fetchStatus !== 'idle' ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" px="md" data-testid="mail-list-empty">
            {emptyText}
          </Text>
        ) : (
          <Box>
            {items.map((m) => (
              <MessageRow
                key={m.id}
                item={m}
                showRecipients={showRecipients}
                selected={selectedId === m.id}
                onOpen={() => onOpen(m)}
                onFlag={() => flag.mutate(m)}
              />
            ))}
            <Box pb="md">
              <LoadMore hasMore={!!query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} />
            </Box>
          </Box>
        )}
      </ScrollArea>
    </Paper>
  );
}
