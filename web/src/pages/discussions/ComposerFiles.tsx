import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { FileChip } from '../../components/FileChip.tsx';
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
        <FileChip
          key={f.key}
          filename={f.filename}
          note={f.error ? errorText(t, f.error) : f.uploading ? t('discussions.composer.uploading') : formatSize(f.size)}
          uploading={f.uploading}
          failed={!!f.error}
          removeLabel={t('discussions.composer.removeFile', { name: f.filename })}
          onRemove={() => onChange((fs) => fs.filter((x) => x.key !== f.key))}
          testId="composer-file"
        />
      ))}
    </Group>
  );
}
