import { useEffect, useRef } from 'react';
import { Box, Button, Center, Divider, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MailFolder } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMessage, useThread } from '../../api/mail.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { MailIcon } from '../../components/Icons.tsx';
import { BackIcon } from '../../components/MailIcons.tsx';
import { AttachmentList } from './AttachmentList.tsx';
import { type ComposeInit } from './compose.ts';
import { DeliveriesPanel } from './DeliveriesPanel.tsx';
import { MailBody } from './MailBody.tsx';
import { MessageActions } from './MessageActions.tsx';
import { MessageHeader } from './MessageHeader.tsx';
import { OriginalMessage } from './OriginalMessage.tsx';
import { RemoteImagesBar } from './RemoteImagesBar.tsx';
import { hasRemoteImages } from './remoteImages.ts';
import { ThreadView } from './ThreadView.tsx';

interface Props {
  entryId: string | null;
  folders: MailFolder[];
  onCompose: (init: ComposeInit) => void;
  onClose: () => void;
  /** On a phone: a "back to the list" button. */
  onBack?: () => void;
}

/** The open message: header, actions, files, the text in a sandbox, deliveries (for my sent mail) and the conversation. */
export function ReadingPane({ entryId, folders, onCompose, onClose, onBack }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { ref, width } = useElementSize();
  const msg = useMessage(entryId);
  const thread = useThread(entryId);
  const marked = useRef<string | null>(null);

  const seen = useMutation({
    mutationFn: (id: string) => client.mail.update(id, { seen: true }),
    onSuccess: (m) => {
      qc.setQueryData(keys.mailEntry(m.id), m);
      void qc.invalidateQueries({ queryKey: keys.mailFolders });
      void qc.invalidateQueries({ queryKey: keys.mailLists });
      void qc.invalidateQueries({ queryKey: keys.mailSearches });
    },
  });

  // Opening a message marks it read, once per opening (so that "mark unread" sticks).
  const m = msg.data;
  const markSeen = seen.mutate;
  useEffect(() => {
    if (!m || m.id !== entryId || marked.current === m.id) return;
    marked.current = m.id;
    if (!m.seen) markSeen(m.id);
  }, [m, entryId, markSeen]);

  const back = onBack && (
    <Button variant="subtle" size="xs" leftSection={<BackIcon size={16} />} onClick={onBack} data-testid="mail-back" w="fit-content">
      {t('mail.read.back')}
    </Button>
  );

  let content: React.ReactNode;
  if (!entryId) {
    content = (
      <Center h="100%" mih={200} c="dimmed" data-testid="mail-reading-empty">
        <Stack align="center" gap="xs">
          <MailIcon size={40} />
          <Text c="dimmed">{t('mail.read.nothingSelected')}</Text>
        </Stack>
      </Center>
    );
  } else if (msg.isPending) {
    content = <Loading />;
  } else if (!m) {
    content = <ErrorAlert error={msg.error} testId="mail-reading-error" />;
  } else {
    const mine = m.unreadBy !== null && !m.isDraft;
    const others = (thread.data ?? []).length > 1 ? thread.data! : null;
    content = (
      <Stack gap="sm" p="md" data-testid="mail-reading" data-entry-id={m.id}>
        {back}
        <MessageHeader message={m} />
        <MessageActions message={m} folders={folders} onCompose={onCompose} onGone={onClose} compact={width > 0 && width < 640} />
        <AttachmentList entryId={m.id} attachments={m.attachments ?? []} />
        {mine && <DeliveriesPanel entryId={m.id} />}
        <OriginalMessage message={m} />
        {!m.remoteImages && hasRemoteImages(m.html) && <RemoteImagesBar message={m} />}
        <Divider />
        <Box mx={-4}>
          <MailBody html={m.html} text={m.text} width={width} remoteImages={m.remoteImages} />
        </Box>
        {others && (
          <>
            <Divider />
            <ThreadView key={`${m.id}:${others.length}`} items={others} currentId={m.id} width={width} />
          </>
        )}
      </Stack>
    );
  }

  return (
    <Paper withBorder radius="md" ref={ref} style={{ height: '100%', minHeight: 0, overflow: 'hidden', display: 'flex', flexDirection: 'column' }} data-testid="mail-pane">
      <ScrollArea style={{ flex: 1 }} type="auto">
        {content}
      </ScrollArea>
    </Paper>
  );
}
