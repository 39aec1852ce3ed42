import { useState } from 'react';
import { Button, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { usePresets, useSharedAccounts } from '../../api/accounts.ts';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon } from '../../components/Icons.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';
import { AccountCard } from '../accounts/AccountCard.tsx';
import { AccountModal } from '../accounts/AccountModal.tsx';
import { ResponsibleModal } from './ResponsibleModal.tsx';
import { ResponsibleNames } from './ResponsibleNames.tsx';

type Notice = 'created' | 'saved' | 'responsibleSaved';

/**
 * Administration → Shared mailboxes: the organisation's mailboxes (info@, sales@) with their state and
 * the people responsible; adding, changing, reconnecting and removing them.
 */
export default function SharedMailboxes() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const accounts = useSharedAccounts();
  const presets = usePresets();
  const [editing, setEditing] = useState<{ account: Account | null } | null>(null);
  const [responsible, setResponsible] = useState<Account | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const remove = useMutation({
    mutationFn: (a: Account) => client.accounts.remove(a.id),
    onSuccess: () => {
      setRemoving(null);
      void qc.invalidateQueries({ queryKey: keys.accounts });
      void qc.invalidateQueries({ queryKey: keys.mail });
    },
  });
  const open = (next: () => void) => () => {
    setNotice(null);
    next();
  };
  const helpUrl = (a: Account) => presets.data?.find((p) => p.id === a.preset)?.helpUrl ?? null;

  return (
    <Stack maw={900} data-testid="page-admin-shared">
      <PageHeader
        title={t('sharedMailboxes.title')}
        hint={t('sharedMailboxes.hint')}
        actions={
          <Button leftSection={<PlusIcon />} onClick={open(() => setEditing({ account: null }))} data-testid="shared-add">
            {t('sharedMailboxes.add')}
          </Button>
        }
      />
      {notice && <SuccessAlert testId="shared-notice">{t(`sharedMailboxes.${notice}`)}</SuccessAlert>}
      {accounts.isPending ? (
        <Loading />
      ) : accounts.data ? (
        accounts.data.length === 0 ? (
          <Paper withBorder radius="md" p="xl" ta="center">
            <Text c="dimmed" data-testid="shared-empty">
              {t('sharedMailboxes.empty')}
            </Text>
          </Paper>
        ) : (
          accounts.data.map((a) => (
            <AccountCard
              key={a.id}
              account={a}
              helpUrl={helpUrl(a)}
              onEdit={open(() => setEditing({ account: a }))}
              onResponsible={open(() => setResponsible(a))}
              onRemove={open(() => setRemoving(a))}
            >
              <ResponsibleNames ids={a.responsibleIds} />
            </AccountCard>
          ))
        )
      ) : (
        <ErrorAlert error={accounts.error} />
      )}
      {editing && (
        <AccountModal
          account={editing.account}
          shared
          onClose={() => setEditing(null)}
          onSaved={(_a, created) => {
            setEditing(null);
            setNotice(created ? 'created' : 'saved');
          }}
        />
      )}
      {responsible && (
        <ResponsibleModal
          account={responsible}
          onClose={() => setResponsible(null)}
          onSaved={() => {
            setResponsible(null);
            setNotice('responsibleSaved');
          }}
        />
      )}
      <ConfirmModal
        opened={!!removing}
        title={t('sharedMailboxes.removeTitle')}
        text={t('sharedMailboxes.removeText', { name: removing?.name ?? '' })}
        confirmLabel={t('accounts.remove')}
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
