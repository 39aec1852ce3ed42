import { useState } from 'react';
import { Button, Card, Group, Input, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language, SendKey, UpdateSettings } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { useMe, useSetMe } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { languages } from '../../i18n/index.ts';

/** Language, time zone and send key. Only what changed is sent. */
export function Preferences() {
  const { t } = useTranslation();
  const me = useMe();
  const setMe = useSetMe();
  const [draft, setDraft] = useState<UpdateSettings>({});
  const [saved, setSaved] = useState(false);

  const value = { language: draft.language ?? me.language, timeZone: draft.timeZone ?? me.timeZone, sendKey: draft.sendKey ?? me.sendKey };
  const patch: UpdateSettings = {};
  if (value.language !== me.language) patch.language = value.language;
  if (value.timeZone !== me.timeZone) patch.timeZone = value.timeZone;
  if (value.sendKey !== me.sendKey) patch.sendKey = value.sendKey;
  const dirty = Object.keys(patch).length > 0;

  const save = useMutation({
    mutationFn: () => client.settings.update(patch),
    onSuccess: (s) => {
      setMe(s);
      setDraft({});
      setSaved(true);
    },
  });

  const change = (p: UpdateSettings) => {
    setSaved(false);
    save.reset();
    setDraft((d) => ({ ...d, ...p }));
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="settings-preferences">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) save.mutate();
        }}
      >
        <Stack>
          <div>
            <Title order={3} size="h4">
              {t('settings.preferences')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('settings.preferencesHint')}
            </Text>
          </div>
          <Input.Wrapper label={t('fields.language')}>
            <div>
              <SegmentedControl
                value={value.language}
                onChange={(v) => change({ language: v as Language })}
                data={languages.map((l) => ({ value: l, label: <span lang={l}>{t(`language.${l}`)}</span> }))}
                data-testid="settings-language"
              />
            </div>
          </Input.Wrapper>
          <TimeZoneSelect value={value.timeZone} onChange={(timeZone) => change({ timeZone })} testId="settings-timezone" />
          <Input.Wrapper label={t('settings.sendKey')} description={t('settings.sendKeyHint')}>
            <div>
              <SegmentedControl
                mt={6}
                value={value.sendKey}
                onChange={(v) => change({ sendKey: v as SendKey })}
                data={[
                  { value: 'enter', label: t('settings.sendKeyEnter') },
                  { value: 'ctrl-enter', label: t('settings.sendKeyCtrlEnter') },
                ]}
                data-testid="settings-sendkey"
              />
            </div>
          </Input.Wrapper>
          <ErrorAlert error={save.error} testId="settings-error" />
          {saved && <SuccessAlert testId="settings-saved">{t('settings.saved')}</SuccessAlert>}
          <Group>
            <Button type="submit" disabled={!dirty} loading={save.isPending} data-testid="settings-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
