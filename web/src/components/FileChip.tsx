import { ActionIcon, Group, Loader, Paper, Text } from '@mantine/core';
import { ClipIcon } from './MailIcons.tsx';

interface Props {
  filename: string;
  /** What shows after the name: the size, "uploading…", or what went wrong. */
  note: string;
  uploading: boolean;
  failed: boolean;
  removeLabel: string;
  onRemove: () => void;
  /** Test ids of the chip and its remove button; the chip also carries its file name and state. */
  testId: string;
  removeTestId?: string;
}

/** A file attached to a message being written: a loader or clip, its name, its size or state, and a remove button. */
export function FileChip({ filename, note, uploading, failed, removeLabel, onRemove, testId, removeTestId }: Props) {
  return (
    <Paper
      withBorder
      radius="sm"
      px="xs"
      py={2}
      maw="100%"
      bg={failed ? 'var(--mantine-color-red-light)' : undefined}
      data-testid={testId}
      data-filename={filename}
      data-state={failed ? 'failed' : uploading ? 'uploading' : 'ready'}
    >
      <Group gap={6} wrap="nowrap">
        {uploading ? <Loader size={12} /> : <ClipIcon size={14} />}
        <Text size="sm" truncate maw={220}>
          {filename}
        </Text>
        {/* what went wrong wraps rather than being cut: it says what to do */}
        <Text size="xs" c={failed ? 'red.8' : 'dimmed'} maw={260} truncate={!failed}>
          {note}
        </Text>
        <ActionIcon size="sm" variant="subtle" color="gray" onClick={onRemove} aria-label={removeLabel} data-testid={removeTestId}>
          ×
        </ActionIcon>
      </Group>
    </Paper>
  );
}
