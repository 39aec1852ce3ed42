import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Endpoint } from '@mailroom/sdk';

interface Props {
  value: Endpoint;
  onChange: (e: Endpoint) => void;
  error?: boolean;
  /** Prefix of the test ids: account-incoming, account-smtp. */
  testId: string;
}

const SECURITY = ['tls', 'starttls', 'none'] as const;

/** Server, port and security of one connection. */
export function EndpointFields({ value, onChange, error, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="flex-start" wrap="wrap">
      <TextInput
        label={t('accounts.host')}
        value={value.host}
        onChange={(e) => onChange({ ...value, host: e.currentTarget.value })}
        error={error}
        required
        style={{ flex: '1 1 200px' }}
        data-testid={`${testId}-host`}
      />
      <NumberInput
        label={t('accounts.port')}
        value={value.port}
        onChange={(v) => onChange({ ...value, port: typeof v === 'number' ? v : Number(v) || 0 })}
        min={1}
        max={65535}
        allowDecimal={false}
        allowNegative={false}
        required
        w={110}
        data-testid={`${testId}-port`}
      />
      <Select
        label={t('accounts.security')}
        value={value.security}
        onChange={(v) => v && onChange({ ...value, security: v as Endpoint['security'] })}
        data={SECURITY.map((s) => ({ value: s, label: t(`accounts.securityKind.${s}`) }))}
        allowDeselect={false}
        w={140}
        data-testid={`${testId}-security`}
      />
    </Group>
  );
}
