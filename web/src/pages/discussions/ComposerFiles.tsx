import { ActionIcon, Group, Loader, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { ClipIcon } from '../../components/MailIcons.tsx';
import { formatSize } from '../mail/compose.ts';

export interface ChatFile {
  key: string;
  filename: string;
  size: number;
  uploadId: string | null;
  uploading: boolean;
  error?: unknown;
}

let serial = 0;

/** Uploads a file at once (PUT /api/v1/mail/uploads, as the mail composer does); the message then names its upload id. */
export function uploadChatFile(file: File, change: (update: (files: ChatFile[]) => ChatFile[]) => void) {
  const key = `f${++serial}`;
  change((fs) => [...fs, { key, filename: file.name, size: file.size, uploadId: null, uploading: true }]);
  client.mail
    .upload(file.name, file, file.type || 'application/octet-stream')
    .then((u) => change((fs) => fs.map((f) => (f.key === key ? { ...f, uploadId: u.uploadId, size: u.size, uploading: false } : f))))
    .catch((error: unknown) => change((fs) => fs.map((f) => (f.key === key ? { ...f, uploading: false, error } : f))));
}

/** The files attached to the message being written: name, size or state, remove. */
export function ComposerFiles({ files, onChange }: { files: ChatFile[]; onChange: (update: (files: ChatFile[]) => ChatFile[]) => void }) {
  const { t } = useTranslation();
  if (!files.length) return null;
  return (
    <Group gap={6} mb={6} data-testid="composer-files">
      {files.map((f) => (
        <Paper
          key={f.key}
          withBorder
          radius="sm"
          px="xs"
          py={2}
          bg={f.error ? 'var(--mantine-color-red-light)' : undefined}
          data-testid="composer-file"
          data-filename={f.filename}
          data-state={f.error ? 'failed' : f.uploading ? 'uploading' : 'ready'}
        >
          <Group gap={6} wrap="nowrap">
            {f.uploading ? <Loader size={12} /> : <ClipIcon size={14} />}
            <Text size="sm" truncate maw={200}>
              {f.filename}
            </Text>
            <Text size="xs" c={f.error ? 'red.8' : 'dimmed'} maw={240} truncate>
              {f.error ? errorText(t, f.error) : f.uploading ? t('discussions.composer.uploading') : formatSize(f.size)}
            </Text>
            <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => onChange((fs) => fs.filter((x) => x.key !== f.key))} aria-label={t('discussions.composer.removeFile', { name: f.filename })}>
              ×
            </ActionIcon>
          </Group>
        </Paper>
      ))}
    </Group>
  );
}
