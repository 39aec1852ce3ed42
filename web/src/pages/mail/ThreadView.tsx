import { useState } from 'react';
import { Box, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailMessage } from '@mailroom/sdk';
import { useFormatDateTime } from '../../app/format.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { MailBody } from './MailBody.tsx';

interface Props {
  items: MailMessage[];
  /** The entry shown above the conversation (marked "this message"). */
  currentId: string;
  width: number;
}

/** The conversation in order, oldest first; the newest one is open, the others open on a click. */
export function ThreadView({ items, currentId, width }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatDateTime();
  // the newest is open, unless it is the message shown above already
  const [open, setOpen] = useState<Set<string>>(() => {
    const last = items[items.length - 1];
    return new Set(last && last.id !== currentId ? [last.id] : []);
  });
  const toggle = (id: string) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  return (
    <Stack gap="xs" data-testid="mail-thread">
      <Title order={4} size="h6">
        {t('mail.thread.title', { count: items.length })}
      </Title>
      {items.map((m) => {
        const expanded = open.has(m.id);
        return (
          <Paper key={m.id} withBorder radius="md" data-testid="mail-thread-item" data-entry-id={m.id} data-current={m.id === currentId ? 'true' : 'false'}>
            <UnstyledButton onClick={() => toggle(m.id)} w="100%" p="sm" aria-expanded={expanded} data-testid="mail-thread-toggle">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={700} truncate>
                  {m.sender.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  {fmt(m.sentAt)}
                </Text>
              </Group>
              <Text size="sm" truncate>
                {m.subject || t('mail.list.noSubject')}
                {m.id === currentId && (
                  <Text span size="xs" c="blue.7" ml={6}>
                    {t('mail.thread.current')}
                  </Text>
                )}
              </Text>
              {!expanded && (
                <Text size="xs" c="dimmed" truncate>
                  {m.snippet}
                </Text>
              )}
            </UnstyledButton>
            {expanded && (
              <Box px="sm" pb="sm">
                <Stack gap="xs">
                  <AttachmentList entryId={m.id} attachments={m.attachments ?? []} />
                  <Box style={{ border: '1px solid var(--mantine-color-gray-2)', borderRadius: 6, overflow: 'hidden' }}>
                    <MailBody html={m.html} text={m.text} width={width - 40} maxHeight={600} remoteImages={m.remoteImages} />
                  </Box>
                </Stack>
              </Box>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
