import type { ReactNode } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { useStartOAuth } from '../../api/accounts.ts';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useFormatDateTime } from '../../app/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { RefreshIcon } from '../../components/MailIcons.tsx';
import { AccountStatusBadge } from './AccountStatusBadge.tsx';
import { ProblemText, SIGN_IN_AGAIN } from './ProblemText.tsx';

interface Props {
  account: Account;
  helpUrl: string | null;
  /** Changing and removing: the owner's for a personal account, the administrators' for a shared one. */
  onEdit?: () => void;
  onRemove?: () => void;
  /** Light mode: browse the server (the people who use the account). */
  onBrowse?: () => void;
  /** Administration: changing who is responsible for a shared mailbox. */
  onResponsible?: () => void;
  /** More about the account, under its state (who is responsible for a shared one). */
  children?: ReactNode;
}

/**
 * One connected account: its state (progress, last synchronisation, or the problem and what to do)
 * and its actions; "Sign in again" when the provider no longer accepts its OAuth2 grant. A shared
 * mailbox says so; only the actions given are offered.
 */
export function AccountCard({ account: a, helpUrl, onEdit, onRemove, onBrowse, onResponsible, children }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fmt = useFormatDateTime();
  const sync = useMutation({
    mutationFn: () => client.accounts.sync(a.id),
    onSuccess: (next) => {
      for (const key of [keys.accounts, keys.sharedAccounts]) qc.setQueryData<Account[]>(key, (all) => all?.map((x) => (x.id === next.id ? next : x)));
    },
  });
  const signIn = useStartOAuth();
  const oauth = a.auth === 'oauth2';
  const signInAgain = oauth && a.status === 'error' && !!a.problem && SIGN_IN_AGAIN.has(a.problem);

  return (
    <Paper withBorder radius="md" p="md" data-testid="account-card" data-account-id={a.id} data-name={a.name} data-status={a.status}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={700} truncate data-testid="account-card-name">
              {a.name}
            </Text>
            <Text size="sm" c="dimmed" truncate>
              {a.email} · {a.protocol.toUpperCase()}
            </Text>
          </Stack>
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            {a.shared && (
              <Badge variant="light" color="grape" data-testid="account-shared">
                {t('accounts.shared')}
              </Badge>
            )}
            <Badge variant="outline" color="gray">
              {t(`accounts.modeShort.${a.mode}`)}
            </Badge>
            <AccountStatusBadge account={a} />
          </Group>
        </Group>
        {a.status === 'error' ? (
          <ProblemText problem={a.problem} detail={a.detail} helpUrl={helpUrl} oauth={oauth} />
        ) : (
          a.lastSyncAt && (
            <Text size="xs" c="dimmed" data-testid="account-last-sync">
              {t('accounts.lastSync', { time: fmt(a.lastSyncAt) })}
            </Text>
          )
        )}
        {children}
        <ErrorAlert error={sync.error ?? signIn.error} testId="account-sync-error" />
        <Group gap="xs" wrap="wrap">
          {signInAgain && (
            <Button size="xs" onClick={() => signIn.mutate({ accountId: a.id })} loading={signIn.isPending || signIn.isSuccess} data-testid="account-signin-again">
              {t('accounts.oauth.signInAgain')}
            </Button>
          )}
          <Button size="xs" variant="light" leftSection={<RefreshIcon size={14} />} onClick={() => sync.mutate()} loading={sync.isPending} data-testid="account-reconnect">
            {t('accounts.reconnect')}
          </Button>
          {onBrowse && a.mode === 'light' && (
            <Button size="xs" variant="light" onClick={onBrowse} data-testid="account-browse">
              {t('accounts.browse')}
            </Button>
          )}
          {onEdit && (
            <Button size="xs" variant="default" onClick={onEdit} data-testid="account-edit">
              {t('common.edit')}
            </Button>
          )}
          {onResponsible && (
            <Button size="xs" variant="default" onClick={onResponsible} data-testid="account-responsible">
              {t('sharedMailboxes.changeResponsible')}
            </Button>
          )}
          {onRemove && (
            <Button size="xs" variant="subtle" color="red" onClick={onRemove} data-testid="account-remove">
              {t('accounts.remove')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
