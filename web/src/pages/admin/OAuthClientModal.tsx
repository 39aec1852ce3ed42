import { useState } from 'react';
import { Button, Code, Group, Input, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OAuthClient, Preset } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

interface Props {
  preset: Preset;
  /** The client registered so far, if any (its secret is never shown). */
  current: OAuthClient | undefined;
  onClose: () => void;
}

/** Where the provider sends the browser back; the administrator registers it with the provider. */
const redirectUri = () => `${window.location.origin}/api/v1/accounts/oauth/callback`;

/** The organisation's OAuth2 client at a provider: its addresses, id, write-only secret and scope; or turning sign-in off. */
export function OAuthClientModal({ preset, current, onClose }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [form, setForm] = useState({
    authorizeUrl: current?.authorizeUrl ?? '',
    tokenUrl: current?.tokenUrl ?? '',
    clientId: current?.clientId ?? '',
    clientSecret: '',
    scope: current?.scope ?? '',
  });
  const done = () => {
    void qc.invalidateQueries({ queryKey: keys.oauthClients });
    void qc.invalidateQueries({ queryKey: keys.accountPresets });
    onClose();
  };
  const save = useMutation({
    // a blank secret keeps the stored one
    mutationFn: () => {
      const c = { authorizeUrl: form.authorizeUrl.trim(), tokenUrl: form.tokenUrl.trim(), clientId: form.clientId.trim(), scope: form.scope.trim() };
      return client.accounts.saveOAuthClient(preset.id, form.clientSecret ? { ...c, clientSecret: form.clientSecret } : c);
    },
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: () => client.accounts.removeOAuthClient(preset.id), onSuccess: done });
  const change = (patch: Partial<typeof form>) => {
    save.reset();
    setForm((f) => ({ ...f, ...patch }));
  };
  const field = (name: keyof typeof form, label: string, testId: string, description?: string) => (
    <TextInput
      label={label}
      description={description}
      value={form[name]}
      onChange={(e) => change({ [name]: e.currentTarget.value })}
      error={failedField(save.error, name)}
      required
      data-testid={testId}
    />
  );
  const canSubmit = !!form.authorizeUrl.trim() && !!form.tokenUrl.trim() && !!form.clientId.trim() && !!form.scope.trim();

  return (
    <Modal opened onClose={onClose} title={t('providers.oauthTitle', { provider: preset.name })} size="lg" fullScreen={!!phone} closeOnClickOutside={false} data-testid="oauth-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit) save.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('providers.oauthHint')}
          </Text>
          <Input.Wrapper label={t('providers.redirectUri')}>
            <Code block data-testid="oauth-redirect-uri">
              {redirectUri()}
            </Code>
          </Input.Wrapper>
          {field('authorizeUrl', t('providers.authorizeUrl'), 'oauth-authorize-url')}
          {field('tokenUrl', t('providers.tokenUrl'), 'oauth-token-url')}
          {field('clientId', t('providers.clientId'), 'oauth-client-id')}
          <PasswordInput
            label={t('providers.clientSecret')}
            description={current?.hasSecret ? t('providers.clientSecretKeep') : undefined}
            value={form.clientSecret}
            onChange={(e) => change({ clientSecret: e.currentTarget.value })}
            error={failedField(save.error, 'clientSecret')}
            autoComplete="new-password"
            data-testid="oauth-client-secret"
          />
          {field('scope', t('providers.scope'), 'oauth-scope', t('providers.scopeHint'))}
          <ErrorAlert error={save.error ?? remove.error} testId="oauth-error" />
          <Group justify={current ? 'space-between' : 'flex-end'} wrap="wrap">
            {current && (
              <Button variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending} data-testid="oauth-remove">
                {t('providers.removeSignIn')}
              </Button>
            )}
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!canSubmit} data-testid="oauth-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
