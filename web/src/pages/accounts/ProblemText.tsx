import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountProblem } from '@mailroom/sdk';

interface Props {
  problem: AccountProblem | null;
  /** The server's own words (not translated), in small print. */
  detail: string | null;
  /** The provider's page about app passwords and switching IMAP on. */
  helpUrl?: string | null;
  /** The account signs in at the provider (OAuth2): a refused sign-in means signing in there again. */
  oauth?: boolean;
}

const HELPED: ReadonlySet<AccountProblem> = new Set(['AUTH_FAILED', 'IMAP_DISABLED', 'OAUTH_REVOKED', 'SEND_REFUSED']);
/** Problems of an OAuth2 account that signing in at the provider again cures. */
export const SIGN_IN_AGAIN: ReadonlySet<AccountProblem> = new Set(['AUTH_FAILED', 'OAUTH_REVOKED']);

/** Why an account failed, worded from its code, with what to do about it. */
export function ProblemText({ problem, detail, helpUrl, oauth }: Props) {
  const { t } = useTranslation();
  const signInAgain = !!oauth && !!problem && SIGN_IN_AGAIN.has(problem);
  return (
    <Stack gap={2} data-testid="account-problem" data-problem={problem ?? ''}>
      {problem && (
        <Text size="sm" fw={500} c="red.8" data-testid="account-problem-text">
          {t(`accounts.problems.${problem}`)}
        </Text>
      )}
      {problem && (
        <Text size="sm" data-testid="account-problem-fix">
          {signInAgain ? t('accounts.oauth.signInAgainFix') : t(`accounts.fixes.${problem}`)}
          {helpUrl && HELPED.has(problem) && !signInAgain && (
            <>
              {' '}
              <Anchor href={helpUrl} target="_blank" rel="noopener noreferrer" data-testid="account-problem-help">
                {t('accounts.help')}
              </Anchor>
            </>
          )}
        </Text>
      )}
      {detail && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="account-problem-detail">
          {t('accounts.serverSaid', { detail })}
        </Text>
      )}
    </Stack>
  );
}
