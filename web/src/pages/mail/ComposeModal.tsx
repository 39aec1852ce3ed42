import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MailroomError } from '@mailroom/sdk';
import { useAccounts } from '../../api/accounts.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/session.ts';
import { AlertIcon } from '../../components/Icons.tsx';
import { isLang } from '../../i18n/index.ts';
import { SendIcon } from '../../components/MailIcons.tsx';
import { ComposeFiles } from './ComposeFiles.tsx';
import { composeErrorText } from './composeErrors.ts';
import type { ComposeFile, ComposeInit } from './compose.ts';
import { FromSelect } from './FromSelect.tsx';
import { RecipientInput } from './RecipientInput.tsx';
import { RichEditor } from './RichEditor.tsx';
import { withSignature } from './signature.ts';
import { useComposeSave } from './useComposeSave.ts';

interface Props {
  init: ComposeInit;
  onClose: () => void;
  onSent: () => void;
}

/** The compose window: recipients, subject, rich text, importance, files; saved as a draft as one writes. */
export function ComposeModal({ init, onClose, onSent }: Props) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const accounts = useAccounts().data ?? [];
  const [accountId, setAccountId] = useState(init.accountId ?? null);
  const signature = accounts.find((a) => a.id === accountId)?.signatures[isLang(i18n.language) ? i18n.language : 'en'] ?? '';
  // a new message starts with the sender's signature; a draft has its own already
  const [startHtml] = useState(() => (init.draftId ? init.html : withSignature(init.html, signature)));
  const [to, setTo] = useState(init.to);
  const [cc, setCc] = useState(init.cc);
  const [bcc, setBcc] = useState(init.bcc);
  const [showCc, setShowCc] = useState(init.cc.length > 0);
  const [showBcc, setShowBcc] = useState(init.bcc.length > 0);
  const [subject, setSubject] = useState(init.subject);
  const [html, setHtml] = useState(startHtml);
  const [importance, setImportance] = useState(init.importance);
  const [files, setFiles] = useState<ComposeFile[]>(init.files);
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    if (send.isError) send.reset();
  };
  const draft = useComposeSave({ to, cc, bcc, subject, html, importance, inReplyTo: init.inReplyTo, files, accountId: accountId ?? undefined }, init.draftId, setFiles);

  const uploading = files.some((f) => f.uploading);
  const send = useMutation({
    mutationFn: () => draft.send(),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.mail });
      onSent();
    },
  });
  const discard = useMutation({
    mutationFn: () => draft.discard(),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.mail });
      onClose();
    },
  });
  const submit = () => {
    if (!send.isPending && !uploading) send.mutate();
  };
  const close = () => {
    if (!send.isPending && !send.isSuccess) draft.flush();
    onClose();
  };

  // Ctrl/Cmd+Enter sends from anywhere in the window; with the "Enter" setting, Enter in the subject too.
  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      submit();
    }
  };
  const sendKeyHint = me.sendKey === 'enter' ? t('mail.compose.sendHintEnter') : t('mail.compose.sendHintCtrl');
  const field = send.error instanceof MailroomError ? send.error.field?.split('.')[0] : undefined;
  const status = draft.status;
  const timeOf = (d: Date) => {
    try {
      return new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: me.timeZone }).format(d);
    } catch {
      return d.toLocaleTimeString();
    }
  };

  return (
    <Modal
      opened
      onClose={close}
      title={init.draftId ? t('mail.compose.draftTitle') : init.inReplyTo ? t('mail.compose.replyTitle') : t('mail.compose.title')}
      size="xl"
      fullScreen={!!phone}
      closeOnClickOutside={false}
      data-testid="compose-modal"
    >
      <Stack gap="sm" onKeyDownCapture={onKeyDownCapture}>
        <Group gap={4} justify="flex-end" mb={-8}>
          {!showCc && (
            <Anchor component="button" type="button" size="sm" onClick={() => setShowCc(true)} data-testid="compose-show-cc">
              {t('mail.read.cc')}
            </Anchor>
          )}
          {!showBcc && (
            <Anchor component="button" type="button" size="sm" ml="xs" onClick={() => setShowBcc(true)} data-testid="compose-show-bcc">
              {t('mail.read.bcc')}
            </Anchor>
          )}
        </Group>
        {accounts.length > 0 && <FromSelect accounts={accounts} value={accountId} onChange={changed(setAccountId)} />}
        <RecipientInput label={t('mail.read.to')} value={to} onChange={changed(setTo)} error={field === 'to' || field === 'toAddresses'} testId="compose-to" autoFocus={!init.to.length} allowAddresses={!!accountId} />
        {showCc && <RecipientInput label={t('mail.read.cc')} value={cc} onChange={changed(setCc)} error={field === 'cc' || field === 'ccAddresses'} testId="compose-cc" allowAddresses={!!accountId} />}
        {showBcc && <RecipientInput label={t('mail.read.bcc')} value={bcc} onChange={changed(setBcc)} error={field === 'bcc' || field === 'bccAddresses'} testId="compose-bcc" allowAddresses={!!accountId} />}
        <TextInput
          label={t('mail.compose.subject')}
          value={subject}
          onChange={(e) => changed(setSubject)(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
            e.preventDefault();
            if (me.sendKey === 'enter' && !e.shiftKey) submit();
          }}
          error={field === 'subject'}
          data-testid="compose-subject"
        />
        <RichEditor initialHtml={startHtml} onChange={setHtml} signature={signature} />
        <ComposeFiles files={files} onChange={setFiles} />
        {send.error != null && (
          <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" data-testid="compose-error">
            {composeErrorText(t, send.error)}
          </Alert>
        )}
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="wrap">
            <Button leftSection={<SendIcon size={16} />} onClick={submit} loading={send.isPending} disabled={uploading} data-testid="compose-send">
              {t('mail.compose.send')}
            </Button>
            <SegmentedControl
              size="xs"
              value={importance}
              onChange={(v) => setImportance(v as 'normal' | 'high')}
              data={[
                { value: 'normal', label: t('mail.compose.normal') },
                { value: 'high', label: t('mail.compose.high') },
              ]}
              color={importance === 'high' ? 'red' : undefined}
              aria-label={t('mail.compose.importance')}
              data-testid="compose-importance"
            />
          </Group>
          <Button variant="subtle" color="gray" size="xs" onClick={() => discard.mutate()} loading={discard.isPending} data-testid="compose-discard">
            {t('mail.compose.discard')}
          </Button>
        </Group>
        <Group justify="space-between" gap="xs" mt={-6} wrap="wrap">
          <Text size="xs" c="dimmed" data-testid="compose-send-hint">
            {sendKeyHint}
          </Text>
          <Text size="xs" c={status.kind === 'error' ? 'red.8' : 'dimmed'} data-testid="compose-draft-status" data-state={status.kind} aria-live="polite">
            {status.kind === 'saving'
              ? t('mail.compose.draftSaving')
              : status.kind === 'saved'
                ? t('mail.compose.draftSaved', { time: timeOf(status.at) })
                : status.kind === 'error'
                  ? `${t('mail.compose.draftFailed')} ${composeErrorText(t, status.error)}`
                  : ''}
          </Text>
        </Group>
      </Stack>
    </Modal>
  );
}
