import { useState } from 'react';
import { Button, Card, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon, SearchIcon } from '../../components/Icons.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';
import { UserCreateModal } from './UserCreateModal.tsx';
import { UserEditModal } from './UserEditModal.tsx';
import { UserList } from './UserList.tsx';

const PAGE = 25;

export default function Users() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const list = useInfiniteQuery({
    queryKey: keys.usersList(q),
    queryFn: ({ pageParam }) => client.users.list({ q: q || undefined, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep showing the previous results while a new search runs.
    placeholderData: keepPreviousData,
  });
  const users = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack maw={1100} data-testid="page-admin-users">
      <PageHeader
        title={t('users.title')}
        hint={t('users.hint')}
        actions={
          <Button leftSection={<PlusIcon />} onClick={() => setCreating(true)} data-testid="user-create-open">
            {t('users.create')}
          </Button>
        }
      />
      <TextInput
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        placeholder={t('users.search')}
        aria-label={t('users.search')}
        leftSection={<SearchIcon size={16} />}
        type="search"
        maxLength={100}
        rightSection={list.isFetching && !list.isFetchingNextPage ? <Loader size={14} /> : null}
        data-testid="users-search"
      />
      {notice && <SuccessAlert testId="users-notice">{notice}</SuccessAlert>}
      <ErrorAlert error={list.error} />
      <Card withBorder radius="md" p={0}>
        {list.isPending ? (
          <Loading />
        ) : users.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" data-testid="users-empty">
            {t('users.empty')}
          </Text>
        ) : (
          <UserList users={users} onEdit={setEditing} />
        )}
      </Card>
      {users.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="users-count">
          {t('users.count', { count: users.length })}
        </Text>
      )}
      <LoadMore hasMore={list.hasNextPage && !list.isPlaceholderData} loading={list.isFetchingNextPage} onLoad={() => void list.fetchNextPage()} />
      <UserCreateModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          setNotice(t('users.created', { name: u.name }));
        }}
      />
      {editing && <UserEditModal user={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
