import { Anchor, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { downloadWithToken, needsBearer } from '../../api/download.ts';
import { ClipIcon, DownloadIcon } from '../../components/MailIcons.tsx';
import { formatSize } from '../mail/compose.ts';

/** A message's files as download links (…/files/:n). */
export function MessageFiles({ message: m }: { message: ChatMessage }) {
  const { t } = useTranslation();
  if (!m.files.length) return null;
  return (
    <Group gap={6} mt={4}>
      {m.files.map((f) => {
        const href = client.discussions.fileUrl(m.discussionId, m.id, f.id);
        return (
          <Paper key={f.id} withBorder radius="sm" px="xs" py={4} maw="100%">
            <Anchor
              href={href}
              download={f.filename}
              onClick={(e) => {
                if (!needsBearer()) return;
                e.preventDefault();
                void downloadWithToken(href, f.filename);
              }}
              aria-label={t('discussions.message.download', { name: f.filename })}
              data-testid="chat-file"
              data-filename={f.filename}
              size="sm"
            >
              <Group gap={6} wrap="nowrap">
                <ClipIcon size={14} />
                <Text size="sm" truncate maw={240}>
                  {f.filename}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatSize(f.size)}
                </Text>
                <DownloadIcon size={14} />
              </Group>
            </Anchor>
          </Paper>
        );
      })}
    </Group>
  );
}
