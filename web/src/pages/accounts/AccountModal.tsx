import { useState } from 'react';
import { Button, Divider, Group, Input, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Account, Endpoint } from '@mailroom/sdk';
import { usePresets, useStartOAuth } from '../../api/accounts.ts';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MemberSelect } from '../admin/MemberSelect.tsx';
import { blankForm, formOf, inputOf, OTHER, presetForEmail, withPreset, type AccountForm } from './accountForm.ts';
import { CheckResultView } from './CheckResultView.tsx';
import { EndpointFields } from './EndpointFields.tsx';
import { SignatureFields } from './SignatureFields.tsx';
import { SignInFields, type SignInWay } from './SignInFields.tsx';
import { SyncFields } from './SyncFields.tsx';

interface Props {
  /** The account to edit; null adds a new one. */
  account: Account | null;
  /** A shared mailbox of the organisation (administrators): IMAP only, added with the people responsible for it. */
  shared?: boolean;
  onClose: () => void;
  onSaved: (a: Account, created: boolean) => void;
}

const DEFAULT_PORT = { imap: { tls: 993, starttls: 143, none: 143 }, pop3: { tls: 995, starttls: 110, none: 110 } } as const;
const endpointText = (e: Endpoint) => `${e.host}:${e.port}`;

/**
 * Add or edit an external mail account: provider, servers, sign-in, mode, signatures; "Check account"
 * before saving, or "Sign in with the provider" when the organisation set that up for it.
 */
export function AccountModal({ account, shared = false, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const presets = usePresets();
  const [form, setForm] = useState<AccountForm>(() => (account ? formOf(account) : blankForm()));
  // the provider follows the address until the person picks one; the name follows it until typed
  const [presetPicked, setPresetPicked] = useState(!!account);
  const [nameTyped, setNameTyped] = useState(!!account);
  const [way, setWay] = useState<SignInWay>('provider');
  const [responsibleIds, setResponsibleIds] = useState<string[]>([]);
  const adding = shared && !account;
  const all = presets.data ?? [];
  const preset = all.find((p) => p.id === form.preset);
  // a new account at a provider with the organisation's OAuth client may sign in there instead of giving a password
  // (a shared mailbox keeps a password: the administrator does not sign in for the people responsible)
  const provider = !account && !shared && preset?.oauth2 ? preset.name : null;
  const byProvider = !!provider && way === 'provider';
  const signedIn = account?.auth === 'oauth2';

  const check = useMutation({
    mutationFn: () => (account && !form.password ? client.accounts.checkSaved(account.id) : client.accounts.check({ ...inputOf(form), sendTest: true })),
  });
  const save = useMutation({
    mutationFn: () =>
      account
        ? client.accounts.update(account.id, inputOf(form))
        : shared
          ? client.accounts.createShared({ ...inputOf(form), responsibleIds })
          : client.accounts.create(inputOf(form)),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: keys.accounts });
      void qc.invalidateQueries({ queryKey: keys.mailFolders });
      onSaved(a, !account);
    },
  });
  const start = useStartOAuth();
  const change = (patch: Partial<AccountForm>) => {
    check.reset();
    save.reset();
    start.reset();
    setForm((f) => ({ ...f, ...patch }));
  };

  const onEmail = (email: string) => {
    const next = { ...form, email, name: nameTyped ? form.name : email };
    const found = presetPicked ? undefined : presetForEmail(all, email);
    change(presetPicked ? next : found ? withPreset(next, found) : { ...next, preset: OTHER });
  };
  const onPreset = (id: string | null) => {
    setPresetPicked(true);
    change(withPreset(form, all.find((p) => p.id === id)));
  };
  const onProtocol = (protocol: 'imap' | 'pop3') => {
    if (preset) return change(withPreset({ ...form, protocol }, preset));
    change({ protocol, incoming: { ...form.incoming, port: DEFAULT_PORT[protocol][form.incoming.security] } });
  };

  const canSubmit = !!form.email.trim() && !!form.incoming.host.trim() && !!form.smtp.host.trim() && (!!account || byProvider || !!form.password) && (!adding || responsibleIds.length > 0);
  const error = start.error ?? save.error ?? check.error;

  return (
    <Modal opened onClose={onClose} title={t(shared ? (account ? 'sharedMailboxes.editTitle' : 'sharedMailboxes.addTitle') : account ? 'accounts.editTitle' : 'accounts.addTitle')} size="lg" fullScreen={!!phone} closeOnClickOutside={false} data-testid="account-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!canSubmit) return;
          if (byProvider) start.mutate(inputOf({ ...form, password: '' }));
          else save.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <TextInput
            label={t('accounts.email')}
            type="email"
            value={form.email}
            onChange={(e) => onEmail(e.currentTarget.value)}
            error={failedField(error, 'email')}
            required
            autoFocus={!account}
            data-testid="account-email"
          />
          <Select
            label={t('accounts.preset')}
            description={t('accounts.presetHint')}
            value={form.preset}
            onChange={onPreset}
            data={[...all.map((p) => ({ value: p.id, label: p.name })), { value: OTHER, label: t('accounts.other') }]}
            allowDeselect={false}
            data-testid="account-preset"
          />
          <Group grow align="flex-end" wrap="wrap">
            <TextInput
              label={t('accounts.name')}
              description={t('accounts.nameHint')}
              value={form.name}
              onChange={(e) => {
                setNameTyped(true);
                change({ name: e.currentTarget.value });
              }}
              error={failedField(error, 'name')}
              data-testid="account-name"
            />
            <TextInput
              label={t(shared ? 'sharedMailboxes.displayName' : 'accounts.displayName')}
              value={form.displayName}
              onChange={(e) => change({ displayName: e.currentTarget.value })}
              data-testid="account-display-name"
            />
          </Group>
          {adding && (
            <MemberSelect
              label={t('sharedMailboxes.responsible')}
              value={responsibleIds}
              onChange={(ids) => {
                save.reset();
                setResponsibleIds(ids);
              }}
              error={failedField(error, 'responsibleIds')}
              testId="shared-responsible"
            />
          )}
          {!shared && (
            <Input.Wrapper label={t('accounts.protocol')}>
              <div>
                <SegmentedControl
                  value={form.protocol}
                  onChange={(v) => onProtocol(v as 'imap' | 'pop3')}
                  // the server keeps what it took by IMAP or by POP3: changing it means adding the account anew
                  disabled={!!account}
                  data={[
                    { value: 'imap', label: 'IMAP' },
                    { value: 'pop3', label: 'POP3' },
                  ]}
                  data-testid="account-protocol"
                />
              </div>
            </Input.Wrapper>
          )}
          {form.preset === OTHER ? (
            <>
              <Input.Wrapper label={t('accounts.incoming')}>
                <EndpointFields value={form.incoming} onChange={(incoming) => change({ incoming })} error={failedField(error, 'incoming')} testId="account-incoming" />
              </Input.Wrapper>
              <Input.Wrapper label={t('accounts.smtp')}>
                <EndpointFields value={form.smtp} onChange={(smtp) => change({ smtp })} error={failedField(error, 'smtp')} testId="account-smtp" />
              </Input.Wrapper>
            </>
          ) : (
            <Text size="xs" c="dimmed" data-testid="account-servers">
              {t('accounts.incoming')}: {endpointText(form.incoming)} · {t('accounts.smtp')}: {endpointText(form.smtp)}
            </Text>
          )}
          <SignInFields
            form={form}
            onChange={change}
            error={error}
            provider={provider}
            way={way}
            onWay={(w) => {
              start.reset();
              setWay(w);
            }}
            signedIn={signedIn}
            editing={!!account}
          />
          <Divider />
          <SyncFields form={form} onChange={change} />
          <SignatureFields value={form.signatures} onChange={(signatures) => change({ signatures })} />
          {check.data && <CheckResultView result={check.data} helpUrl={preset?.helpUrl ?? null} />}
          <ErrorAlert error={error} testId="account-error" />
          <Group justify={byProvider ? 'flex-end' : 'space-between'} wrap="wrap">
            {!byProvider && (
              <Button variant="light" onClick={() => check.mutate()} loading={check.isPending} disabled={!canSubmit && !account} data-testid="account-check">
                {t('accounts.check')}
              </Button>
            )}
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              {byProvider ? (
                <Button type="submit" loading={start.isPending || start.isSuccess} disabled={!canSubmit} data-testid="account-oauth-start">
                  {t('accounts.oauth.signInWith', { provider })}
                </Button>
              ) : (
                <Button type="submit" loading={save.isPending} disabled={!canSubmit} data-testid="account-save">
                  {t('common.save')}
                </Button>
              )}
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
