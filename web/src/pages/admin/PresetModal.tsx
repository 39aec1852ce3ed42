import { useState } from 'react';
import { Button, Group, Input, Modal, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Preset } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { EndpointFields } from '../accounts/EndpointFields.tsx';
import { OptionalEndpoint } from './OptionalEndpoint.tsx';
import { blankPreset, DEFAULT_ENDPOINT, idOf, presetFormOf, presetInputOf, type PresetForm } from './presetForm.ts';

/** Add (preset = null) or change one of the organisation's own presets: name, identifier, domains, servers, help page. */
export function PresetModal({ preset, onClose }: { preset: Preset | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [form, setForm] = useState<PresetForm>(() => (preset ? presetFormOf(preset) : blankPreset()));
  // a new preset's identifier follows its name until typed
  const [idTyped, setIdTyped] = useState(!!preset);

  const save = useMutation({
    mutationFn: () => client.accounts.savePreset(form.id.trim(), presetInputOf(form)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.accountPresets });
      onClose();
    },
  });
  const change = (patch: Partial<PresetForm>) => {
    save.reset();
    setForm((f) => ({ ...f, ...patch }));
  };
  const canSubmit = !!form.name.trim() && !!form.id.trim() && !!form.smtp.host.trim() && (!!form.imap || !!form.pop3);

  return (
    <Modal opened onClose={onClose} title={preset ? t('providers.editTitle') : t('providers.addTitle')} size="lg" fullScreen={!!phone} closeOnClickOutside={false} data-testid="preset-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit) save.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('providers.name')}
              value={form.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                change(idTyped ? { name } : { name, id: idOf(name) });
              }}
              error={failedField(save.error, 'name')}
              required
              data-autofocus
              data-testid="preset-name"
            />
            <TextInput
              label={t('providers.id')}
              description={t('providers.idHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              value={form.id}
              onChange={(e) => {
                setIdTyped(true);
                change({ id: e.currentTarget.value });
              }}
              error={failedField(save.error, 'presetId', 'id')}
              disabled={!!preset}
              required
              data-testid="preset-id"
            />
          </Group>
          <TextInput
            label={t('providers.domains')}
            description={t('providers.domainsHint')}
            placeholder="example.com, example.org"
            value={form.domains}
            onChange={(e) => change({ domains: e.currentTarget.value })}
            error={failedField(save.error, 'domains')}
            data-testid="preset-domains"
          />
          <OptionalEndpoint label={t('providers.imap')} value={form.imap} initial={DEFAULT_ENDPOINT.imap} onChange={(imap) => change({ imap })} error={failedField(save.error, 'imap')} testId="preset-imap" />
          <OptionalEndpoint label={t('providers.pop3')} value={form.pop3} initial={DEFAULT_ENDPOINT.pop3} onChange={(pop3) => change({ pop3 })} error={failedField(save.error, 'pop3')} testId="preset-pop3" />
          <Input.Wrapper label={t('providers.smtp')} required>
            <EndpointFields value={form.smtp} onChange={(smtp) => change({ smtp })} error={failedField(save.error, 'smtp')} testId="preset-smtp" />
          </Input.Wrapper>
          <TextInput
            label={t('providers.helpUrl')}
            description={t('providers.helpUrlHint')}
            placeholder="https://"
            value={form.helpUrl}
            onChange={(e) => change({ helpUrl: e.currentTarget.value })}
            error={failedField(save.error, 'helpUrl')}
            data-testid="preset-help"
          />
          <ErrorAlert error={save.error} testId="preset-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!canSubmit} data-testid="preset-submit">
              {preset ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
