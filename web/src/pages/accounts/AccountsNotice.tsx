import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Account } from '@mailroom/sdk';
import { AlertIcon } from '../../components/Icons.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';
import type { Notice } from './notice.ts';

/** Why signing in at the provider failed: an account problem, an expired or foreign sign-in, or any other error code. */
function oauthReason(t: TFunction, code: string): string {
  if (!/^[A-Z_]+$/.test(code)) return t('errors.UNKNOWN');
  if (code === 'VALIDATION_FAILED') return t('accounts.oauth.expired');
  const problem = t(`accounts.problems.${code}` as 'accounts.problems.AUTH_FAILED', { defaultValue: '' });
  return problem || t(`errors.${code}` as 'errors.UNKNOWN', { defaultValue: t('errors.UNKNOWN') });
}

interface Props {
  notice: Notice;
  accounts: Account[] | undefined;
  onClose: () => void;
}

/** The account is added or saved or connected at its provider (named), or the sign-in there failed, worded with what to do. */
export function AccountsNotice({ notice, accounts, onClose }: Props) {
  const { t } = useTranslation();
  if (notice.kind === 'oauthError') {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<AlertIcon />}
        title={t('accounts.oauth.failed')}
        withCloseButton
        closeButtonLabel={t('common.close')}
        onClose={onClose}
        role="alert"
        data-testid="accounts-oauth-error"
        data-code={notice.code}
      >
        <Text size="sm" fw={500} data-testid="accounts-oauth-reason">
          {oauthReason(t, notice.code)}
        </Text>
        <Text size="sm" data-testid="accounts-oauth-fix">
          {t('accounts.oauth.again')}
        </Text>
      </Alert>
    );
  }
  if (notice.kind === 'connected') {
    const name = accounts?.find((a) => a.id === notice.accountId)?.name;
    return <SuccessAlert testId="accounts-notice">{name ? t('accounts.oauth.connected', { name }) : t('accounts.created')}</SuccessAlert>;
  }
  return <SuccessAlert testId="accounts-notice">{t(`accounts.${notice.kind}`)}</SuccessAlert>;
}
