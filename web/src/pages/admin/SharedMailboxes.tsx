import { useState } from 'react';
import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { usePresetHelpUrl, useSharedAccounts } from '../../api/accounts.ts';
import { EmptyNote } from '../../components/EmptyNote.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon } from '../../components/Icons.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';
import { AccountCard } from '../accounts/AccountCard.tsx';
import { AccountModal } from '../accounts/AccountModal.tsx';
import { RemoveAccountModal } from '../accounts/RemoveAccountModal.tsx';
import { ResponsibleModal } from './ResponsibleModal.tsx';
import { ResponsibleNames } from './ResponsibleNames.tsx';

type Notice = 'created' | 'saved' | 'responsibleSaved';

/**
 * Administration → Shared mailboxes: the organisation's mailboxes (info@, sales@) with their state and
 * the people responsible; adding, changing, reconnecting and removing them.
 */
export default function SharedMailboxes() {
  const { t } = useTranslation();
  const accounts = useSharedAccounts();
  const helpUrl = usePresetHelpUrl();
  const [editing, setEditing] = useState<{ account: Account | null } | null>(null);
  const [responsible, setResponsible] = useState<Account | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const open = (next: () => void) => () => {
    setNotice(null);
    next();
  };

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
          <EmptyNote testId="shared-empty">{t('sharedMailboxes.empty')}</EmptyNote>
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
      <RemoveAccountModal account={removing} shared onClose={() => setRemoving(null)} />
    </Stack>
  );
}
