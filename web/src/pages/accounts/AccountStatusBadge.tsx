import { Badge, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { syncing } from '../../api/accounts.ts';

export const statusColor = { new: 'gray', syncing: 'blue', ready: 'teal', error: 'red', disabled: 'gray' } as const;

/** The account's state: synchronising (with progress), up to date, error, waiting or disabled; nothing for a light-mode account that never synchronises. */
export function AccountStatusBadge({ account: a }: { account: Account }) {
  const { t } = useTranslation();
  if (a.mode === 'light' && a.status === 'new') return null;
  const progress = a.status === 'syncing' && a.progress.total > 0 ? ` · ${t('accounts.progress', { done: a.progress.done, total: a.progress.total })}` : '';
  return (
    <Badge
      color={statusColor[a.status]}
      variant="light"
      leftSection={syncing(a) ? <Loader size={10} color={statusColor[a.status]} /> : undefined}
      style={{ flexShrink: 0 }}
      data-testid="account-status"
      data-status={a.status}
    >
      {t(`accounts.status.${a.status}`)}
      {progress}
    </Badge>
  );
}
