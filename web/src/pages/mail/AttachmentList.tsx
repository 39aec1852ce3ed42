import { Anchor, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { ClipIcon, DownloadIcon } from '../../components/MailIcons.tsx';
import { formatSize } from './compose.ts';

/** The files of a message as download links (same origin: the session cookie goes along). */
export function AttachmentList({ entryId, attachments }: { entryId: string; attachments: Attachment[] }) {
  const { t } = useTranslation();
  if (!attachments.length) return null;
  return (
    <Group gap="xs" aria-label={t('mail.read.attachments')} data-testid="mail-attachments">
      {attachments.map((a) => (
        <Paper key={a.id} withBorder radius="sm" px="sm" py={6} maw="100%">
          <Group gap={8} wrap="nowrap">
            <ClipIcon size={16} />
            <Anchor href={client.mail.attachmentUrl(entryId, a.id)} download={a.filename} size="sm" truncate maw={260} data-testid="mail-attachment" data-filename={a.filename}>
              {a.filename}
            </Anchor>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatSize(a.size)}
            </Text>
            <DownloadIcon size={14} />
          </Group>
        </Paper>
      ))}
    </Group>
  );
}
