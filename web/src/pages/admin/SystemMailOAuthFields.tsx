import { Alert, Anchor, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Preset, SystemMailSettings } from '@mailroom/sdk';
import { failedField } from '../../api/errors.ts';
import { linkClick } from '../../app/router.ts';
import { AlertIcon, CheckIcon } from '../../components/Icons.tsx';
import type { SystemMailForm } from './systemMailForm.ts';

/** A preset's name as people know it (its identifier while the list is not loaded). */
export const presetName = (presets: Preset[] | undefined, id: string) => presets?.find((p) => p.id === id)?.name ?? id;

interface Props {
  form: SystemMailForm;
  onChange: (patch: Partial<SystemMailForm>) => void;
  error: unknown;
  /** The settings as saved: whether (and with which provider) the account is signed in. */
  saved: SystemMailSettings;
  presets: Preset[] | undefined;
  /** Saves the form, then sends the browser to the provider. */
  onSignIn: () => void;
  signingIn: boolean;
  /** The form can be saved (the sign-in saves it first). */
  canSignIn: boolean;
}

/**
 * OAuth2: the user name at the provider, the provider (a preset whose OAuth client the organisation
 * registered), whether the account is signed in with it, and "Sign in with …".
 */
export function SystemMailOAuthFields({ form, onChange, error, saved, presets, onSignIn, signingIn, canSignIn }: Props) {
  const { t } = useTranslation();
  const usable = (presets ?? []).filter((p) => p.oauth2);
  // a provider chosen before its client was removed still shows by name (signing in with it is refused)
  const options = usable.map((p) => ({ value: p.id, label: p.name }));
  if (form.oauthPreset && !usable.some((p) => p.id === form.oauthPreset)) options.push({ value: form.oauthPreset, label: presetName(presets, form.oauthPreset) });
  const provider = form.oauthPreset ? presetName(presets, form.oauthPreset) : null;
  const signedInBefore = saved.auth === 'oauth2' && saved.oauthSignedIn && !!saved.oauthPreset;
  const signedIn = signedInBefore && saved.oauthPreset === form.oauthPreset;
  const otherProvider = signedInBefore && !signedIn && saved.oauthPreset ? presetName(presets, saved.oauthPreset) : null;

  return (
    <Stack gap="sm" data-testid="system-mail-oauth">
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          label={t('systemMail.oauth.login')}
          description={t('systemMail.oauth.loginHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={form.login}
          placeholder={form.fromAddress.trim() || undefined}
          onChange={(e) => onChange({ login: e.currentTarget.value })}
          error={failedField(error, 'login')}
          required
          autoComplete="off"
          data-testid="system-mail-oauth-login"
        />
        <Select
          label={t('systemMail.oauth.provider')}
          placeholder={usable.length ? t('systemMail.oauth.providerPlaceholder') : undefined}
          value={form.oauthPreset || null}
          onChange={(v) => onChange({ oauthPreset: v ?? '' })}
          data={options}
          error={failedField(error, 'oauthPreset') ?? failedField(error, 'preset')}
          disabled={options.length === 0}
          allowDeselect={false}
          required
          data-testid="system-mail-oauth-provider"
        />
      </Group>
      {presets && usable.length === 0 && (
        <Alert color="yellow" variant="light" icon={<AlertIcon />} data-testid="system-mail-oauth-none">
          <Stack gap={4}>
            <Text size="sm">{t('systemMail.oauth.noProviders')}</Text>
            <Anchor href="/admin/mail-providers" onClick={linkClick('/admin/mail-providers')} size="sm" fw={500} data-testid="system-mail-oauth-providers-link">
              {t('systemMail.oauth.openProviders')}
            </Anchor>
          </Stack>
        </Alert>
      )}
      <Group justify="space-between" align="center" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Group gap={6} wrap="nowrap" data-testid="system-mail-oauth-state" data-signed-in={signedIn}>
            {signedIn ? <CheckIcon size={16} color="var(--mantine-color-teal-7)" /> : <AlertIcon size={16} color="var(--mantine-color-orange-7)" />}
            <Text size="sm" fw={500} c={signedIn ? 'teal.8' : 'orange.8'}>
              {signedIn && provider ? t('systemMail.oauth.signedIn', { provider }) : t('systemMail.oauth.notSignedIn')}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" data-testid="system-mail-oauth-hint">
            {otherProvider ? t('systemMail.oauth.otherProvider', { provider: otherProvider }) : t('systemMail.oauth.signInHint')}
          </Text>
        </Stack>
        {provider && (
          <Button
            variant={signedIn ? 'default' : 'filled'}
            onClick={onSignIn}
            // the browser is on its way to the provider once the address came back
            loading={signingIn}
            disabled={!canSignIn}
            data-testid="system-mail-oauth-start"
          >
            {t('systemMail.oauth.signIn', { provider })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
