import { useState } from 'react';
import { Badge, Button, Card, Group as Row, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Group } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon } from '../../components/Icons.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { GroupModal } from './GroupModal.tsx';

export default function Groups() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);

  const list = useQuery({
    queryKey: keys.groups,
    queryFn: () => client.groups.list().then((r) => [...r.items].sort((a, b) => a.name.localeCompare(b.name))),
  });

  const remove = useMutation({
    mutationFn: (g: Group) => client.groups.remove(g.id),
    onSuccess: () => {
      setDeleting(null);
      void qc.invalidateQueries({ queryKey: keys.groups });
    },
  });

  const groups = list.data ?? [];
  return (
    <Stack maw={1100} data-testid="page-admin-groups">
      <PageHeader
        title={t('groups.title')}
        hint={t('groups.hint')}
        actions={
          <Button leftSection={<PlusIcon />} onClick={() => setEditing('new')} data-testid="group-create-open">
            {t('groups.create')}
          </Button>
        }
      />
      <ErrorAlert error={list.error} />
      <Card withBorder radius="md" p={0}>
        {list.isPending ? (
          <Loading />
        ) : groups.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" data-testid="groups-empty">
            {t('groups.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="groups-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('groups.name')}</Table.Th>
                  <Table.Th>{t('groups.members')}</Table.Th>
                  <Table.Th aria-label={t('common.actions')} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((g) => (
                  <Table.Tr key={g.id} data-testid="group-row" data-name={g.name}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {g.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color="gray"
                        aria-label={t('groups.membersCount', { count: g.memberIds.length })}
                        data-testid="group-member-count"
                      >
                        {g.memberIds.length}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Row gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setEditing(g)} data-testid="group-edit">
                          {t('common.edit')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(g)} data-testid="group-delete">
                          {t('common.delete')}
                        </Button>
                      </Row>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {editing && <GroupModal group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={!!deleting}
        title={t('groups.deleteTitle')}
        text={t('groups.deleteText', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}
