import { Box, Loader, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { syncing } from '../../api/accounts.ts';
import { MailIcon } from '../../components/Icons.tsx';
import { statusColor } from '../accounts/AccountStatusBadge.tsx';

/** The icon of an account's top folder: coloured by the account's state, spinning while it synchronises. */
export function AccountStatusIcon({ account: a }: { account: Account }) {
  const { t } = useTranslation();
  const label = t('accounts.statusOf', { status: t(`accounts.status.${a.status}`) });
  const color = `var(--mantine-color-${statusColor[a.status]}-7)`;
  return (
    <Tooltip label={label} withinPortal>
      <Box display="flex" c={color} aria-label={label} role="img" data-testid="mail-account-status" data-status={a.status}>
        {syncing(a) ? <Loader size={16} color={color} /> : <MailIcon />}
      </Box>
    </Tooltip>
  );
}
