import { Alert, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '@mailroom/sdk';
import { CheckIcon, CrossIcon } from '../../components/Icons.tsx';
import { ProblemText } from './ProblemText.tsx';

/** The steps of "Check account", each ✓ or ✗ with the reason in words. */
export function CheckResultView({ result, helpUrl }: { result: CheckResult; helpUrl: string | null }) {
  const { t } = useTranslation();
  return (
    <Alert color={result.ok ? 'teal' : 'red'} variant="light" title={result.ok ? t('accounts.checkOk') : t('accounts.checkFailed')} data-testid="account-check-result" data-ok={result.ok}>
      <Stack gap={6}>
        {result.steps.map((s) => (
          <Group key={s.step} gap="xs" wrap="nowrap" align="flex-start" data-testid="account-check-step" data-step={s.step} data-ok={s.ok}>
            <ThemeIcon size={20} radius="xl" color={s.ok ? 'teal' : 'red'} variant="filled" aria-hidden style={{ flexShrink: 0 }}>
              {s.ok ? <CheckIcon size={14} /> : <CrossIcon size={14} />}
            </ThemeIcon>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm">{t(`accounts.steps.${s.step}`)}</Text>
              {!s.ok && <ProblemText problem={s.problem} detail={s.detail} helpUrl={helpUrl} />}
            </Stack>
          </Group>
        ))}
        {result.folders.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="account-check-folders">
            {t('accounts.foldersFound', { names: result.folders.join(', ') })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
