import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxProblem } from '@mailroom/sdk';

interface Props {
  problem: OutboxProblem | null;
  /** The server's own words (not translated), in small print. */
  detail?: string | null;
  /** What to do: as for a message in the queue, for the test message (it is not retried), or nothing (a cancelled message). */
  fix?: 'queue' | 'test' | null;
  /** The system account signs in with OAuth2: a refused sign-in is worded for it (sign in at the provider again). */
  oauth?: boolean;
}

const TEST_FIXES = ['TEMPORARY', 'TIMEOUT', 'REFUSED'] as const;
type TestFix = (typeof TEST_FIXES)[number];
const testFix = (p: OutboxProblem): p is TestFix => (TEST_FIXES as readonly string[]).includes(p);

/** Why a message (or the test message) did not go, worded from its code, with what to do; the server's own words below. */
export function OutboxProblemText({ problem, detail, fix = 'queue', oauth = false }: Props) {
  const { t } = useTranslation();
  if (!problem && !detail) return null;
  const oauthRefused = oauth && problem === 'AUTH_FAILED';
  return (
    <Stack gap={2} data-testid="outbox-problem" data-problem={problem ?? ''}>
      {problem && (
        <Text size="sm" fw={500} c="red.8" data-testid="outbox-problem-text">
          {oauthRefused ? t('systemMail.oauth.authFailed') : t(`outbox.problems.${problem}`)}
        </Text>
      )}
      {problem && fix && (
        <Text size="sm" data-testid="outbox-problem-fix">
          {oauthRefused
            ? t('systemMail.oauth.authFailedFix')
            : fix === 'test' && testFix(problem)
              ? t(`systemMail.testFixes.${problem}`)
              : t(`outbox.fixes.${problem}`)}
        </Text>
      )}
      {detail && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="outbox-problem-detail">
          {t('outbox.serverSaid', { detail })}
        </Text>
      )}
    </Stack>
  );
}
