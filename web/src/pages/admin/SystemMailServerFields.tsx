import { Group, Input, NumberInput, PasswordInput, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { failedField } from '../../api/errors.ts';
import { PORT_OF, type SystemMailForm } from './systemMailForm.ts';

interface Props {
  form: SystemMailForm;
  onChange: (patch: Partial<SystemMailForm>) => void;
  error: unknown;
  /** A password is stored: a blank one keeps it. */
  hasPassword: boolean;
}

const SECURITY = ['none', 'tls', 'starttls'] as const;

/** The SMTP server, its encryption, and how to sign in to it (the password write-only). */
export function SystemMailServerFields({ form, onChange, error, hasPassword }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-start" wrap="wrap">
        <TextInput
          label={t('systemMail.host')}
          value={form.host}
          onChange={(e) => onChange({ host: e.currentTarget.value })}
          error={failedField(error, 'host')}
          placeholder="smtp.example.org"
          required
          style={{ flex: '1 1 220px' }}
          data-testid="system-mail-host"
        />
        <NumberInput
          label={t('systemMail.port')}
          value={form.port}
          onChange={(v) => onChange({ port: typeof v === 'number' ? v : Number(v) || 0 })}
          error={failedField(error, 'port')}
          min={1}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          required
          w={140}
          data-testid="system-mail-port"
        />
        <Select
          label={t('systemMail.security')}
          value={form.security}
          // the usual port follows the encryption while the port is still a usual one
          onChange={(v) => {
            if (!v) return;
            const security = v as SystemMailForm['security'];
            const usual = Object.values(PORT_OF).includes(form.port);
            onChange(usual ? { security, port: PORT_OF[security] } : { security });
          }}
          data={SECURITY.map((s) => ({ value: s, label: t(`accounts.securityKind.${s}`) }))}
          allowDeselect={false}
          w={150}
          data-testid="system-mail-security"
        />
      </Group>
      <Input.Wrapper label={t('systemMail.auth')}>
        <div>
          <SegmentedControl
            value={form.auth}
            onChange={(v) => onChange({ auth: v as SystemMailForm['auth'] })}
            data={(['none', 'password'] as const).map((a) => ({ value: a, label: t(`systemMail.authKind.${a}`) }))}
            data-testid="system-mail-auth"
          />
        </div>
      </Input.Wrapper>
      {form.auth === 'password' && (
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('systemMail.login')}
            value={form.login}
            onChange={(e) => onChange({ login: e.currentTarget.value })}
            error={failedField(error, 'login')}
            autoComplete="off"
            data-testid="system-mail-login"
          />
          <PasswordInput
            label={t('systemMail.password')}
            description={hasPassword ? t('systemMail.passwordKeep') : undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            placeholder={hasPassword ? t('systemMail.stored') : undefined}
            value={form.password}
            onChange={(e) => onChange({ password: e.currentTarget.value })}
            error={failedField(error, 'password')}
            autoComplete="new-password"
            data-testid="system-mail-password"
          />
        </Group>
      )}
    </Stack>
  );
}
