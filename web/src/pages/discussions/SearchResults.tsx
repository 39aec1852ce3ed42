import { Box, Button, Group, Paper, ScrollArea, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDiscussionSearch } from '../../api/discussions.ts';
import { KindIcon } from '../../components/DiscussionIcons.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useMessageTime } from './time.ts';

interface Props {
  q: string;
  onOpen: (discussionId: string) => void;
  onClose: () => void;
}

/** Messages found by the search box; a click opens their discussion. */
export function SearchResults({ q, onOpen, onClose }: Props) {
  const { t } = useTranslation();
  const time = useMessageTime();
  const found = useDiscussionSearch(q);
  const hits = found.data ?? [];
  return (
    <Paper withBorder radius="md" style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, overflow: 'hidden' }} data-testid="discussion-search-results">
      <Group justify="space-between" px="sm" py={8} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={3} size="h5">
          {t('discussions.search.results')}
        </Title>
        <Button variant="subtle" size="xs" onClick={onClose} data-testid="discussion-search-close">
          {t('discussions.search.close')}
        </Button>
      </Group>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <ErrorAlert error={found.error} />
        {found.isPending ? (
          <Loading />
        ) : hits.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" px="md" size="sm" data-testid="discussion-search-empty">
            {t('discussions.search.empty', { q })}
          </Text>
        ) : (
          hits.map((h) => (
            <UnstyledButton
              key={h.message.id}
              onClick={() => onOpen(h.discussion.id)}
              data-testid="discussion-search-hit"
              data-discussion-id={h.discussion.id}
              style={{ display: 'block', width: '100%', padding: '8px 12px', borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Group gap={6} wrap="nowrap">
                <KindIcon kind={h.discussion.kind} size={14} />
                <Text size="sm" fw={600} truncate>
                  {h.discussion.title}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {h.message.author?.name ?? t('discussions.message.unknownAuthor')} · {time(h.message.createdAt).short}
              </Text>
              <Box>
                <Text size="sm" lineClamp={2}>
                  {h.message.text}
                </Text>
              </Box>
            </UnstyledButton>
          ))
        )}
      </ScrollArea>
    </Paper>
  );
}
