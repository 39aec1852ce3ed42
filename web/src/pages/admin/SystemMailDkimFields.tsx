import { Group, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { failedField } from '../../api/errors.ts';
import type { SystemMailForm } from './systemMailForm.ts';

interface Props {
  form: SystemMailForm;
  onChange: (patch: Partial<SystemMailForm>) => void;
  error: unknown;
  /** A private key is stored: a blank one keeps it. */
  hasKey: boolean;
}

/** Optional DKIM signing: domain, selector and the private key (write-only). */
export function SystemMailDkimFields({ form, onChange, error, hasKey }: Props) {
  const { t } = useTranslation();
  const keyMissing = form.dkim && !hasKey && !form.dkimKey.trim();
  return (
    <Stack gap="sm">
      <Switch
        label={t('systemMail.dkim')}
        description={t('systemMail.dkimHint')}
        checked={form.dkim}
        onChange={(e) => onChange({ dkim: e.currentTarget.checked })}
        data-testid="system-mail-dkim"
      />
      {form.dkim && (
        <>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('systemMail.dkimDomain')}
              value={form.dkimDomain}
              onChange={(e) => onChange({ dkimDomain: e.currentTarget.value })}
              error={failedField(error, 'dkim')}
              placeholder="example.org"
              required
              data-testid="system-mail-dkim-domain"
            />
            <TextInput
              label={t('systemMail.dkimSelector')}
              value={form.dkimSelector}
              onChange={(e) => onChange({ dkimSelector: e.currentTarget.value })}
              error={failedField(error, 'dkim')}
              placeholder="mail"
              required
              data-testid="system-mail-dkim-selector"
            />
          </Group>
          <Textarea
            label={t('systemMail.dkimKey')}
            description={hasKey ? t('systemMail.dkimKeyKeep') : keyMissing ? t('systemMail.dkimKeyNeeded') : undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            placeholder={hasKey ? t('systemMail.stored') : '-----BEGIN PRIVATE KEY-----'}
            value={form.dkimKey}
            onChange={(e) => onChange({ dkimKey: e.currentTarget.value })}
            autosize
            minRows={3}
            maxRows={10}
            spellCheck={false}
            autoComplete="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            data-testid="system-mail-dkim-key"
          />
        </>
      )}
    </Stack>
  );
}
