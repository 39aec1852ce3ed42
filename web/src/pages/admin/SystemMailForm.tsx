import { Button, Card, Divider, Group, NumberInput, Radio, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SystemMailSettings } from '@mailroom/sdk';
import { failedField } from '../../api/errors.ts';
import { usePresets } from '../../api/accounts.ts';
import { useSaveSystemMail, useSystemMailSignIn } from '../../api/outbox.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';
import { SystemMailDkimFields } from './SystemMailDkimFields.tsx';
import { SystemMailServerFields } from './SystemMailServerFields.tsx';
import { systemMailComplete, systemMailInputOf, type SystemMailForm as Form } from './systemMailForm.ts';

interface Props {
  saved: SystemMailSettings;
  form: Form;
  onChange: (patch: Partial<Form>) => void;
  /** After saving: the settings as the server keeps them (the secrets typed are cleared). */
  onSaved: (s: SystemMailSettings) => void;
  notice: boolean;
}

/** The system account's settings: sending on or off, the sender, the server and sign-in, DKIM, what to keep after sending. */
export function SystemMailForm({ saved, form, onChange, onSaved, notice }: Props) {
  const { t } = useTranslation();
  const save = useSaveSystemMail(onSaved);
  const signIn = useSystemMailSignIn(onSaved);
  const presets = usePresets();
  const change = (patch: Partial<Form>) => {
    save.reset();
    signIn.reset();
    onChange(patch);
  };
  const err = save.error ?? signIn.error;
  const canSubmit = systemMailComplete(form, !!saved.dkim?.hasKey);
  const busy = save.isPending || signIn.isPending || signIn.isSuccess;
  const text = (name: 'accountName' | 'fromAddress' | 'displayName' | 'replyTo', testId: string, o: { hint?: string; required?: boolean; type?: string } = {}) => (
    <TextInput
      label={t(`systemMail.${name}`)}
      description={o.hint}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      value={form[name]}
      onChange={(e) => change({ [name]: e.currentTarget.value })}
      error={failedField(err, name)}
      required={o.required}
      type={o.type}
      data-testid={testId}
    />
  );

  return (
    <Card withBorder radius="md" padding="lg" data-testid="system-mail-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit && !busy) save.mutate(systemMailInputOf(form));
        }}
        noValidate
      >
        <Stack gap="md">
          <Switch
            size="md"
            label={t('systemMail.enabled')}
            description={t('systemMail.enabledHint')}
            checked={form.enabled}
            onChange={(e) => change({ enabled: e.currentTarget.checked })}
            data-testid="system-mail-enabled"
          />
          <Divider label={t('systemMail.sender')} labelPosition="left" />
          <Group grow align="flex-start" wrap="wrap">
            {text('fromAddress', 'system-mail-from', { required: true, type: 'email' })}
            {text('displayName', 'system-mail-display-name', { hint: t('systemMail.displayNameHint') })}
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            {text('replyTo', 'system-mail-reply-to', { hint: t('systemMail.replyToHint'), type: 'email' })}
            {text('accountName', 'system-mail-account-name', { hint: t('systemMail.accountNameHint') })}
          </Group>
          <Divider label={t('systemMail.server')} labelPosition="left" />
          <SystemMailServerFields
            form={form}
            onChange={change}
            error={err}
            saved={saved}
            presets={presets.data}
            onSignIn={() => {
              if (canSubmit && !busy && form.oauthPreset) signIn.mutate({ ...systemMailInputOf(form), oauthPreset: form.oauthPreset });
            }}
            // until the browser has left for the provider
            signingIn={signIn.isPending || signIn.isSuccess}
            canSignIn={canSubmit && !save.isPending}
          />
          <Divider />
          <SystemMailDkimFields form={form} onChange={change} error={err} hasKey={!!saved.dkim?.hasKey} />
          <Divider label={t('systemMail.afterSend')} labelPosition="left" />
          <Group align="flex-end" gap="lg" wrap="wrap">
            <Radio.Group value={form.afterSend} onChange={(v) => change({ afterSend: v as Form['afterSend'] })} data-testid="system-mail-after-send">
              <Stack gap={8}>
                {(['delete', 'archive'] as const).map((a) => (
                  <Radio key={a} value={a} label={t(`systemMail.afterSendKind.${a}`)} data-testid={`system-mail-after-send-${a}`} />
                ))}
              </Stack>
            </Radio.Group>
            {form.afterSend === 'archive' && (
              <NumberInput
                label={t('systemMail.archiveDays')}
                value={form.archiveDays}
                onChange={(v) => change({ archiveDays: typeof v === 'number' ? v : Number(v) || 0 })}
                error={failedField(err, 'archiveDays')}
                min={1}
                max={3650}
                allowDecimal={false}
                allowNegative={false}
                w={200}
                data-testid="system-mail-archive-days"
              />
            )}
          </Group>
          <ErrorAlert error={err} testId="system-mail-error" />
          {notice && <SuccessAlert testId="system-mail-saved">{t('systemMail.saved')}</SuccessAlert>}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!canSubmit || signIn.isPending || signIn.isSuccess} data-testid="system-mail-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
