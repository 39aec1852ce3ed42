import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailMessage, Party } from '@mailroom/sdk';
import { useFormatDateTime } from '../../app/format.ts';

/** Subject, importance, From / To / Cc (Bcc only when there is one) and the date in the user's time zone. */
export function MessageHeader({ message: m }: { message: MailMessage }) {
  const { t } = useTranslation();
  const fmt = useFormatDateTime();
  const party = (p: Party) => (p.kind === 'user' ? p.name : `${p.name} (${t(`mail.kind.${p.kind}`)})`);
  const line = (label: string, parties: Party[], testId: string) => (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={54} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {parties.map(party).join(', ') || '—'}
      </Text>
    </Group>
  );
  return (
    <Stack gap={6} data-testid="mail-header">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Title order={3} size="h4" style={{ overflowWrap: 'anywhere', flex: 1 }} data-testid="mail-subject">
          {m.subject || t('mail.list.noSubject')}
        </Title>
        {m.importance === 'high' && (
          <Badge color="red" variant="light" data-testid="mail-important" style={{ flexShrink: 0 }}>
            {t('mail.list.highImportance')}
          </Badge>
        )}
      </Group>
      {line(t('mail.read.from'), [m.sender], 'mail-from')}
      {line(t('mail.read.to'), m.to, 'mail-to')}
      {m.cc.length > 0 && line(t('mail.read.cc'), m.cc, 'mail-cc')}
      {m.bcc.length > 0 && line(t('mail.read.bcc'), m.bcc, 'mail-bcc')}
      <Group gap={6} wrap="nowrap">
        <Text size="sm" c="dimmed" w={54} style={{ flexShrink: 0 }}>
          {t('mail.read.date')}
        </Text>
        <Text size="sm" data-testid="mail-date">
          {fmt(m.sentAt)}
        </Text>
      </Group>
    </Stack>
  );
}
