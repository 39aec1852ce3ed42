import { useRef } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { ClipIcon } from '../../components/MailIcons.tsx';
import { FileChip } from '../../components/FileChip.tsx';
import { composeErrorText } from './composeErrors.ts';
import { formatSize, type ComposeFile } from './compose.ts';

interface Props {
  files: ComposeFile[];
  onChange: (update: (files: ComposeFile[]) => ComposeFile[]) => void;
}

let serial = 0;

/** Attach files: each is uploaded at once (mail.upload) and listed with its size, state and a remove button. */
export function ComposeFiles({ files, onChange }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);

  const upload = (file: File) => {
    const key = `u${++serial}`;
    onChange((fs) => [...fs, { key, filename: file.name, size: file.size, ref: null, uploading: true }]);
    client.mail
      .upload(file.name, file, file.type || 'application/octet-stream')
      .then((u) => onChange((fs) => fs.map((f) => (f.key === key ? { ...f, ref: { uploadId: u.uploadId }, size: u.size, uploading: false } : f))))
      .catch((error: unknown) => onChange((fs) => fs.map((f) => (f.key === key ? { ...f, uploading: false, error } : f))));
  };

  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Button variant="default" size="xs" leftSection={<ClipIcon size={16} />} onClick={() => input.current?.click()} data-testid="compose-attach">
          {t('mail.compose.attach')}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          onChange={(e) => {
            for (const f of Array.from(e.currentTarget.files ?? [])) upload(f);
            e.currentTarget.value = '';
          }}
          data-testid="compose-file-input"
        />
      </Group>
      {files.length > 0 && (
        <Group gap={6} data-testid="compose-files">
          {files.map((f) => (
            <FileChip
              key={f.key}
              filename={f.filename}
              note={f.error ? composeErrorText(t, f.error, f.filename) : f.uploading ? t('mail.compose.uploading') : formatSize(f.size)}
              uploading={!!f.uploading}
              failed={!!f.error}
              removeLabel={t('mail.compose.removeFile', { name: f.filename })}
              onRemove={() => onChange((fs) => fs.filter((x) => x.key !== f.key))}
              testId="compose-file"
              removeTestId="compose-file-remove"
            />
          ))}
        </Group>
      )}
    </Stack>
  );
}
