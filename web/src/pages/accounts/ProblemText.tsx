import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountProblem } from '@mailroom/sdk';

interface Props {
  problem: AccountProblem | null;
  /** The server's own words (not translated), in small print. */
  detail: string | null;
  /** The provider's page about app passwords and switching IMAP on. */
  helpUrl?: string | null;
}

const HELPED: ReadonlySet<AccountProblem> = new Set(['AUTH_FAILED', 'IMAP_DISABLED', 'OAUTH_REVOKED', 'SEND_REFUSED']);

/** Why an account failed, worded from its code, with what to do about it. */
export function ProblemText({ problem, detail, helpUrl }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="account-problem" data-problem={problem ?? ''}>
      {problem && (
        <Text size="sm" fw={500} c="red.8" data-testid="account-problem-text">
          {t(`accounts.problems.${problem}`)}
        </Text>
      )}
      {problem && (
        <Text size="sm" data-testid="account-problem-fix">
          {t(`accounts.fixes.${problem}`)}
          {helpUrl && HELPED.has(problem) && (
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
