import { useState } from 'react';
import { Box, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { navigate, usePath } from '../../app/router.ts';
import { DiscussionsIcon } from '../../components/Icons.tsx';
import { ChatPane } from './ChatPane.tsx';
import { DiscussionList } from './DiscussionList.tsx';
import { DiscussionsToolbar } from './DiscussionsToolbar.tsx';
import { ObjectDiscussion } from './ObjectDiscussion.tsx';
import { SearchResults } from './SearchResults.tsx';

/** /discussions, /discussions/:id, /discussions/object/:type/:id */
function parse(path: string): { id: string | null; object: { type: string; id: string } | null } {
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  if (parts[1] === 'object' && parts[2] && parts[3]) return { id: null, object: { type: parts[2], id: parts.slice(3).join('/') } };
  return { id: parts[1] ?? null, object: null };
}

/**
 * The discussions screen: my discussions (or search results) on the left, the open one on the
 * right; on a phone one of them at a time.
 */
export function DiscussionsPage() {
  const { t } = useTranslation();
  const path = usePath();
  const phone = !!useMediaQuery('(max-width: 48em)');
  const { id, object } = parse(path);
  const [search, setSearch] = useState<string | null>(null);
  const open = (discussionId: string) => navigate(`/discussions/${discussionId}`);

  const list = search ? <SearchResults q={search} onOpen={open} onClose={() => setSearch(null)} /> : <DiscussionList selectedId={id} onOpen={open} />;
  const pane = object ? (
    <ObjectDiscussion type={object.type} id={object.id} />
  ) : id ? (
    <ChatPane key={id} discussionId={id} onBack={phone ? () => navigate('/discussions') : undefined} />
  ) : (
    <Paper withBorder radius="md" h="100%" p="xl" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Stack align="center" gap="xs" c="dimmed">
        <DiscussionsIcon size={36} />
        <Text c="dimmed" ta="center" data-testid="discussion-choose">
          {t('discussions.choose')}
        </Text>
      </Stack>
    </Paper>
  );

  const body = phone ? (
    id || object ? pane : list
  ) : (
    <Box style={{ display: 'flex', gap: 12, flex: 1, minHeight: 0 }}>
      <Box style={{ width: 'clamp(260px, 30%, 380px)', flexShrink: 0, minHeight: 0 }}>{list}</Box>
      <Box style={{ flex: 1, minWidth: 0, minHeight: 0 }}>{pane}</Box>
    </Box>
  );

  return (
    <Stack
      gap={0}
      h={`calc(100dvh - var(--app-shell-header-height, 56px) - 2 * var(--mantine-spacing-${phone ? 'md' : 'lg'}))`}
      mih={phone ? 420 : 480}
      data-testid="page-discussions"
    >
      <DiscussionsToolbar search={search} onSearch={setSearch} onOpen={open} phone={phone} />
      <Box style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>{body}</Box>
    </Stack>
  );
}
