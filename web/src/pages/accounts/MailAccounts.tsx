import { useEffect, useState } from 'react';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { useAccounts, usePresetHelpUrl } from '../../api/accounts.ts';
import { linkClick } from '../../app/router.ts';
import { EmptyNote } from '../../components/EmptyNote.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon } from '../../components/Icons.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AccountCard } from './AccountCard.tsx';
import { AccountModal } from './AccountModal.tsx';
import { AccountsNotice } from './AccountsNotice.tsx';
import { BrowseModal } from './BrowseModal.tsx';
import { noticeFromAddress, type Notice } from './notice.ts';
import { RemoveAccountModal } from './RemoveAccountModal.tsx';

/**
 * Settings → Mail accounts: the connected external mailboxes, adding, editing, removing and browsing
 * them; also where the browser comes back to after signing in at a provider.
 */
export default function MailAccounts() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const helpUrl = usePresetHelpUrl();
  const [editing, setEditing] = useState<{ account: Account | null } | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);
  const [browsing, setBrowsing] = useState<Account | null>(null);
  const [notice, setNotice] = useState<Notice | null>(() => noticeFromAddress(window.location.search));
  useEffect(() => {
    // announced once: a reload or a bookmark does not bring it back
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
  }, []);

  return (
    <Stack maw={900} data-testid="page-accounts">
      <Anchor href="/settings" onClick={linkClick('/settings')} size="sm" data-testid="accounts-back">
        ← {t('settings.title')}
      </Anchor>
      <PageHeader
        title={t('accounts.title')}
        hint={t('accounts.hint')}
        actions={
          <Button
            leftSection={<PlusIcon size={16} />}
            onClick={() => {
              setNotice(null);
              setEditing({ account: null });
            }}
            data-testid="account-add"
          >
            {t('accounts.add')}
          </Button>
        }
      />
      {notice && <AccountsNotice notice={notice} accounts={accounts.data} onClose={() => setNotice(null)} />}
      {accounts.isPending ? (
        <Loading />
      ) : accounts.data ? (
        accounts.data.length === 0 ? (
          <EmptyNote testId="accounts-empty">{t('accounts.empty')}</EmptyNote>
        ) : (
          accounts.data.map((a) => (
            <AccountCard
              key={a.id}
              account={a}
              helpUrl={helpUrl(a)}
              // a shared mailbox is the administrators' to change or remove
              onEdit={
                a.shared
                  ? undefined
                  : () => {
                      setNotice(null);
                      setEditing({ account: a });
                    }
              }
              onRemove={a.shared ? undefined : () => setRemoving(a)}
              onBrowse={() => setBrowsing(a)}
            >
              {a.shared && (
                <Text size="xs" c="dimmed" data-testid="account-shared-hint">
                  {t('accounts.sharedHint')}
                </Text>
              )}
            </AccountCard>
          ))
        )
      ) : (
        <ErrorAlert error={accounts.error} />
      )}
      {editing && (
        <AccountModal
          account={editing.account}
          onClose={() => setEditing(null)}
          onSaved={(_a, created) => {
            setEditing(null);
            setNotice({ kind: created ? 'created' : 'saved' });
          }}
        />
      )}
      {browsing && <BrowseModal account={browsing} onClose={() => setBrowsing(null)} />}
      <RemoveAccountModal account={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}
