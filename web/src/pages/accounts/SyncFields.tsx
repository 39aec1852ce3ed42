import { Group, NumberInput, Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountForm } from './accountForm.ts';

interface Props {
  form: AccountForm;
  onChange: (patch: Partial<AccountForm>) => void;
}

/** How the account's mail is taken: full or light mode, how much first, and (POP3) how long it stays on the server. */
export function SyncFields({ form, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Radio.Group label={t('accounts.mode')} value={form.mode} onChange={(v) => onChange({ mode: v as 'full' | 'light' })} data-testid="account-mode">
        <Stack gap={6} mt={6}>
          {(['full', 'light'] as const).map((m) => (
            <Radio key={m} value={m} label={t(`accounts.modes.${m}`)} data-testid={`account-mode-${m}`} />
          ))}
        </Stack>
      </Radio.Group>
      <Group grow align="flex-start" wrap="wrap">
        {form.mode === 'full' && (
          <NumberInput
            label={t('accounts.initialCount')}
            description={t('accounts.initialCountHint')}
            value={form.initialCount}
            onChange={(v) => onChange({ initialCount: typeof v === 'number' ? v : Number(v) || 1 })}
            min={1}
            max={10000}
            allowDecimal={false}
            allowNegative={false}
            data-testid="account-initial-count"
          />
        )}
        {form.protocol === 'pop3' && (
          <NumberInput
            label={t('accounts.leaveOnServer')}
            description={t('accounts.leaveOnServerHint')}
            value={form.leaveOnServerDays}
            onChange={(v) => onChange({ leaveOnServerDays: v === '' ? '' : Number(v) })}
            min={0}
            max={3650}
            allowDecimal={false}
            allowNegative={false}
            data-testid="account-leave-days"
          />
        )}
      </Group>
    </>
  );
}
