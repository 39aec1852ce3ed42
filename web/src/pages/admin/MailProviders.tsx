import { useState } from 'react';
import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Preset } from '@mailroom/sdk';
import { useOAuthClients, usePresets } from '../../api/accounts.ts';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon } from '../../components/Icons.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { OAuthClientModal } from './OAuthClientModal.tsx';
import { PresetModal } from './PresetModal.tsx';
import { ProviderTable } from './ProviderTable.tsx';

/** Administration → Mail providers: the organisation's own presets, the built-in ones, and sign-in at each provider (OAuth2 clients). */
export default function MailProviders() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const presets = usePresets();
  const clients = useOAuthClients();
  const [editing, setEditing] = useState<{ preset: Preset | null } | null>(null);
  const [signIn, setSignIn] = useState<Preset | null>(null);
  const [removing, setRemoving] = useState<Preset | null>(null);

  const remove = useMutation({
    mutationFn: (p: Preset) => client.accounts.removePreset(p.id),
    onSuccess: () => {
      setRemoving(null);
      void qc.invalidateQueries({ queryKey: keys.accountPresets });
    },
  });

  const all = presets.data ?? [];
  const own = all.filter((p) => !p.builtIn);
  const builtIn = all.filter((p) => p.builtIn);
  const oauthClients = clients.data ?? [];
  return (
    <Stack maw={1100} data-testid="page-admin-providers">
      <PageHeader
        title={t('providers.title')}
        hint={t('providers.hint')}
        actions={
          <Button leftSection={<PlusIcon />} onClick={() => setEditing({ preset: null })} data-testid="provider-add">
            {t('providers.add')}
          </Button>
        }
      />
      <ErrorAlert error={presets.error ?? clients.error} />
      {presets.isPending ? (
        <Loading />
      ) : (
        <>
          <Title order={3} size="h4">
            {t('providers.own')}
          </Title>
          <Card withBorder radius="md" p={0} data-testid="providers-own">
            {own.length === 0 ? (
              <Text c="dimmed" ta="center" py="xl" data-testid="providers-empty">
                {t('providers.ownEmpty')}
              </Text>
            ) : (
              <ProviderTable presets={own} clients={oauthClients} onSignIn={setSignIn} onEdit={(preset) => setEditing({ preset })} onRemove={setRemoving} />
            )}
          </Card>
          <Stack gap={4}>
            <Title order={3} size="h4">
              {t('providers.builtIn')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('providers.builtInHint')}
            </Text>
          </Stack>
          <Card withBorder radius="md" p={0} data-testid="providers-builtin">
            <ProviderTable presets={builtIn} clients={oauthClients} onSignIn={setSignIn} />
          </Card>
        </>
      )}
      {editing && <PresetModal preset={editing.preset} onClose={() => setEditing(null)} />}
      {signIn && <OAuthClientModal preset={signIn} current={oauthClients.find((c) => c.presetId === signIn.id)} onClose={() => setSignIn(null)} />}
      <ConfirmModal
        opened={!!removing}
        title={t('providers.removeTitle')}
        text={t('providers.removeText', { name: removing?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}
