import { useEffect, useState } from 'react';
import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SystemMailSettings } from '@mailroom/sdk';
import { usePresets } from '../../api/accounts.ts';
import { useSystemMail } from '../../api/outbox.ts';
import { useMe } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AlertIcon } from '../../components/Icons.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';
import { SystemMailForm } from './SystemMailForm.tsx';
import { presetName } from './SystemMailOAuthFields.tsx';
import { SystemMailTest } from './SystemMailTest.tsx';
import { systemMailFormOf, type SystemMailForm as Form } from './systemMailForm.ts';

/**
 * Administration → System mail account: the account the organisation's outgoing mail leaves through,
 * and a test message; also where the browser comes back to after signing it in at a provider (?connected=1).
 */
export default function SystemMail() {
  const { t } = useTranslation();
  const settings = useSystemMail();
  return (
    <Stack maw={900} data-testid="page-admin-system-mail">
      <PageHeader title={t('systemMail.title')} hint={t('systemMail.hint')} />
      {settings.isPending ? <Loading /> : settings.data ? <Editor initial={settings.data} /> : <ErrorAlert error={settings.error} />}
    </Stack>
  );
}

function Editor({ initial }: { initial: SystemMailSettings }) {
  const { t } = useTranslation();
  const me = useMe();
  const presets = usePresets();
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState<Form>(() => systemMailFormOf(initial));
  const [notice, setNotice] = useState(false);
  const [connected, setConnected] = useState(() => new URLSearchParams(window.location.search).get('connected') === '1');
  const [oauthError] = useState(() => new URLSearchParams(window.location.search).get('oauthError'));
  useEffect(() => {
    // announced once: a reload or a bookmark does not bring it back
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  const unsaved = JSON.stringify(form) !== JSON.stringify(systemMailFormOf(saved));
  const signedIn = saved.auth === 'oauth2' && saved.oauthSignedIn && !!saved.oauthPreset;
  return (
    <>
      {oauthError && !connected && (
        <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" data-testid="system-mail-oauth-error">
          {t('systemMail.oauth.failed', { code: oauthError })}
        </Alert>
      )}
      {connected && signedIn && !presets.isPending && (
        <SuccessAlert testId="system-mail-connected">{t('systemMail.oauth.connected', { provider: presetName(presets.data, saved.oauthPreset ?? '') })}</SuccessAlert>
      )}
      <SystemMailForm
        saved={saved}
        form={form}
        onChange={(patch) => {
          setNotice(false);
          setConnected(false);
          setForm((f) => ({ ...f, ...patch }));
        }}
        onSaved={(s) => {
          setSaved(s);
          setForm(systemMailFormOf(s));
          setNotice(true);
          setConnected(false);
        }}
        notice={notice}
      />
      <SystemMailTest defaultTo={me.email} unsaved={unsaved} oauth={saved.auth === 'oauth2'} />
    </>
  );
}
