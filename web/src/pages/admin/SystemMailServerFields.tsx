import { Group, Input, NumberInput, PasswordInput, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Preset, SystemMailSettings } from '@mailroom/sdk';
import { failedField } from '../../api/errors.ts';
import { SystemMailOAuthFields } from './SystemMailOAuthFields.tsx';
import { PORT_OF, type SystemMailForm } from './systemMailForm.ts';

interface Props {
  form: SystemMailForm;
  onChange: (patch: Partial<SystemMailForm>) => void;
  error: unknown;
  /** The settings as saved: a stored password (a blank one keeps it), the OAuth2 sign-in. */
  saved: SystemMailSettings;
  /** The provider presets (those with an OAuth client offer OAuth2). */
  presets: Preset[] | undefined;
  /** OAuth2: save, then sign in at the provider. */
  onSignIn: () => void;
  signingIn: boolean;
  canSignIn: boolean;
}

const SECURITY = ['none', 'tls', 'starttls'] as const;
const AUTH = ['none', 'password', 'oauth2'] as const;

/** The SMTP server, its encryption, and how to sign in to it (the password write-only, or OAuth2 at a provider). */
export function SystemMailServerFields({ form, onChange, error, saved, presets, onSignIn, signingIn, canSignIn }: Props) {
  const { t } = useTranslation();
  const hasPassword = saved.hasPassword;
  const chooseAuth = (auth: SystemMailForm['auth']) => {
    // OAuth2 with a single provider set up: that one is meant
    const usable = (presets ?? []).filter((p) => p.oauth2);
    onChange(auth === 'oauth2' && !form.oauthPreset && usable.length === 1 ? { auth, oauthPreset: usable[0].id } : { auth });
  };
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
            onChange={(v) => chooseAuth(v as SystemMailForm['auth'])}
            data={AUTH.map((a) => ({ value: a, label: t(`systemMail.authKind.${a}`) }))}
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
      {form.auth === 'oauth2' && (
        <SystemMailOAuthFields
          form={form}
          onChange={onChange}
          error={error}
          saved={saved}
          presets={presets}
          onSignIn={onSignIn}
          signingIn={signingIn}
          canSignIn={canSignIn}
        />
      )}
    </Stack>
  );
}
