import { useState } from 'react';
import { Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { DEFAULT_POLL_SECONDS, useMailSettings } from '../../api/mail.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';

/** How often to check for mail when the live connection is down: one's own number of seconds, or empty for the server's. */
export function MailSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const settings = useMailSettings();
  const [draft, setDraft] = useState<string | number | null>(null);
  const [saved, setSaved] = useState(false);
  const own = settings.data?.ownPollSeconds ?? null;
  const value = draft ?? (own ?? '');
  const next = value === '' ? null : Number(value);
  const dirty = draft !== null && next !== own;

  const save = useMutation({
    mutationFn: () => client.mail.updateSettings({ pollSeconds: next }),
    onSuccess: (s) => {
      qc.setQueryData(keys.mailSettings, s);
      setDraft(null);
      setSaved(true);
    },
  });

  return (
    <Card withBorder radius="md" padding="lg" data-testid="settings-mail">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) save.mutate();
        }}
      >
        <Stack>
          <div>
            <Title order={3} size="h4">
              {t('settings.mailTitle')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('settings.mailHint')}
            </Text>
          </div>
          <NumberInput
            label={t('settings.pollSeconds')}
            description={t('settings.pollSecondsHint', { seconds: settings.data?.serverPollSeconds ?? DEFAULT_POLL_SECONDS })}
            placeholder={t('settings.pollSecondsDefault', { seconds: settings.data?.serverPollSeconds ?? DEFAULT_POLL_SECONDS })}
            value={value}
            onChange={(v) => {
              setSaved(false);
              save.reset();
              setDraft(v === '' ? '' : v);
            }}
            min={30}
            max={86400}
            step={30}
            allowDecimal={false}
            allowNegative={false}
            disabled={settings.isPending}
            error={failedField(save.error, 'pollSeconds')}
            data-testid="settings-poll-seconds"
          />
          <ErrorAlert error={save.error ?? settings.error} testId="settings-mail-error" />
          {saved && <SuccessAlert testId="settings-mail-saved">{t('settings.saved')}</SuccessAlert>}
          <Group>
            <Button type="submit" disabled={!dirty} loading={save.isPending} data-testid="settings-mail-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
