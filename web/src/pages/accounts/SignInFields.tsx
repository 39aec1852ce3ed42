import { Group, Input, PasswordInput, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { failedField } from '../../api/errors.ts';
import type { AccountForm } from './accountForm.ts';

/** How the account signs in: at the provider (OAuth2) or with a password. */
export type SignInWay = 'provider' | 'password';

interface Props {
  form: AccountForm;
  onChange: (patch: Partial<AccountForm>) => void;
  error: unknown;
  /** The provider's name when it offers sign-in at its own page (a new account only). */
  provider: string | null;
  way: SignInWay;
  onWay: (way: SignInWay) => void;
  /** Editing an account that signed in at the provider: it keeps no password. */
  signedIn: boolean;
  /** Editing: a blank password keeps the stored one. */
  editing: boolean;
}

/** The login, and the password or the choice to sign in at the provider instead. */
export function SignInFields({ form, onChange, error, provider, way, onWay, signedIn, editing }: Props) {
  const { t } = useTranslation();
  const byProvider = !!provider && way === 'provider';
  return (
    <>
      {provider && (
        <Input.Wrapper label={t('accounts.oauth.way')} description={byProvider ? t('accounts.oauth.providerHint', { provider }) : undefined}>
          <div>
            <SegmentedControl
              value={way}
              onChange={(v) => onWay(v as SignInWay)}
              data={[
                { value: 'provider', label: t('accounts.oauth.wayProvider', { provider }) },
                { value: 'password', label: t('accounts.oauth.wayPassword') },
              ]}
              data-testid="account-signin-way"
            />
          </div>
        </Input.Wrapper>
      )}
      <Group grow align="flex-end" wrap="wrap">
        <TextInput
          label={t('accounts.login')}
          value={form.login}
          placeholder={form.email}
          onChange={(e) => onChange({ login: e.currentTarget.value })}
          error={failedField(error, 'login')}
          autoComplete="off"
          data-testid="account-login"
        />
        {!byProvider && !signedIn && (
          <PasswordInput
            label={t('accounts.password')}
            description={editing ? t('accounts.passwordKeep') : undefined}
            value={form.password}
            onChange={(e) => onChange({ password: e.currentTarget.value })}
            error={failedField(error, 'password')}
            required={!editing}
            autoComplete="new-password"
            data-testid="account-password"
          />
        )}
      </Group>
      {signedIn && (
        <Text size="sm" c="dimmed" data-testid="account-signed-in">
          {t('accounts.oauth.signedIn')}
        </Text>
      )}
    </>
  );
}
