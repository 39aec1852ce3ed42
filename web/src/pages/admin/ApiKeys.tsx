import { useState } from 'react';
import { Button, Card, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiKey } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { useFormatDateTime } from '../../app/format.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiKeyCreatedModal } from './ApiKeyCreatedModal.tsx';

export default function ApiKeys() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const when = useFormatDateTime();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const list = useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => client.apiKeys.list().then((r) => [...r.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))),
  });
  const create = useMutation({
    mutationFn: () => client.apiKeys.create(name.trim()),
    onSuccess: (k) => {
      setName('');
      setCreated({ name: k.name, key: k.key });
      void qc.invalidateQueries({ queryKey: keys.apiKeys });
    },
  });
  const revoke = useMutation({
    mutationFn: (k: ApiKey) => client.apiKeys.revoke(k.id),
    onSuccess: () => {
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: keys.apiKeys });
    },
  });

  const items = list.data ?? [];
  return (
    <Stack maw={1100} data-testid="page-admin-apikeys">
      <PageHeader title={t('apiKeys.title')} hint={t('apiKeys.hint')} />
      <Card withBorder radius="md" padding="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <Stack gap="sm">
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('apiKeys.name')}
                placeholder={t('apiKeys.namePlaceholder')}
                value={name}
                onChange={(e) => {
                  setName(e.currentTarget.value);
                  create.reset();
                }}
                error={failedField(create.error, 'name')}
                style={{ flex: 1, minWidth: 220 }}
                data-testid="apikey-name"
              />
              <Button type="submit" disabled={!name.trim()} loading={create.isPending} data-testid="apikey-create">
                {t('apiKeys.create')}
              </Button>
            </Group>
            <ErrorAlert error={create.error} testId="apikey-error" />
          </Stack>
        </form>
      </Card>
      <ErrorAlert error={list.error} />
      <Card withBorder radius="md" p={0}>
        {list.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" data-testid="apikeys-empty">
            {t('apiKeys.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="apikeys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('apiKeys.name')}</Table.Th>
                  <Table.Th>{t('apiKeys.prefix')}</Table.Th>
                  <Table.Th>{t('apiKeys.createdAt')}</Table.Th>
                  <Table.Th>{t('apiKeys.lastUsedAt')}</Table.Th>
                  <Table.Th aria-label={t('common.actions')} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((k) => (
                  <Table.Tr key={k.id} data-testid="apikey-row" data-name={k.name}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {k.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{k.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{when(k.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={k.lastUsedAt ? undefined : 'dimmed'}>
                        {when(k.lastUsedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(k)} data-testid="apikey-revoke">
                        {t('apiKeys.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {created && <ApiKeyCreatedModal name={created.name} secret={created.key} onClose={() => setCreated(null)} />}
      <ConfirmModal
        opened={!!revoking}
        title={t('apiKeys.revokeTitle')}
        text={t('apiKeys.revokeText', { name: revoking?.name ?? '' })}
        confirmLabel={t('apiKeys.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
      />
    </Stack>
  );
}
