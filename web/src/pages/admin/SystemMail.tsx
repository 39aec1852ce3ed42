import { useState } from 'react';
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SystemMailSettings } from '@mailroom/sdk';
import { useSystemMail } from '../../api/outbox.ts';
import { useMe } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SystemMailForm } from './SystemMailForm.tsx';
import { SystemMailTest } from './SystemMailTest.tsx';
import { systemMailFormOf, type SystemMailForm as Form } from './systemMailForm.ts';

/** Administration → System mail account: the account the organisation's outgoing mail leaves through, and a test message. */
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
  const me = useMe();
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState<Form>(() => systemMailFormOf(initial));
  const [notice, setNotice] = useState(false);
  const unsaved = JSON.stringify(form) !== JSON.stringify(systemMailFormOf(saved));
  return (
    <>
      <SystemMailForm
        saved={saved}
        form={form}
        onChange={(patch) => {
          setNotice(false);
          setForm((f) => ({ ...f, ...patch }));
        }}
        onSaved={(s) => {
          setSaved(s);
          setForm(systemMailFormOf(s));
          setNotice(true);
        }}
        notice={notice}
      />
      <SystemMailTest defaultTo={me.email} unsaved={unsaved} />
    </>
  );
}
