import { ActionIcon, Box, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailSummary } from '@mailroom/sdk';
import { useFormatShortDate } from '../../app/format.ts';
import { ClipIcon, FlagIcon, ImportantIcon } from '../../components/MailIcons.tsx';

interface Props {
  item: MailSummary;
  /** Sent and Drafts show whom the message is for instead of who wrote it. */
  showRecipients: boolean;
  selected: boolean;
  onOpen: () => void;
  onFlag: () => void;
}

/**
 * One message in a list: bold while unread (a sent message while someone has not read it),
 * with importance, flag and attachment marks.
 */
export function MessageRow({ item, showRecipients, selected, onOpen, onFlag }: Props) {
  const { t } = useTranslation();
  const short = useFormatShortDate();
  const awaiting = item.unreadBy !== null && item.unreadBy > 0 && !item.isDraft;
  const bold = (!item.seen && item.unreadBy === null) || awaiting;
  // my own sent copy (unreadBy is set) is shown by whom it went to, in search results too
  const who = showRecipients || item.unreadBy !== null ? t('mail.list.to', { names: item.to.map((p) => p.name).join(', ') || '—' }) : item.sender.name;
  return (
    <Box
      data-testid="mail-row"
      data-entry-id={item.id}
      data-subject={item.subject}
      data-unread={bold ? 'true' : 'false'}
      data-importance={item.importance}
      px="sm"
      py={8}
      bg={selected ? 'var(--mantine-color-blue-light)' : undefined}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', display: 'flex', gap: 8, alignItems: 'flex-start' }}
    >
      <Box w={4} mt={4} h={30} style={{ borderRadius: 2, flexShrink: 0 }} bg={bold ? 'blue.6' : 'transparent'} aria-hidden />
      <UnstyledButton onClick={onOpen} style={{ flex: 1, minWidth: 0 }} data-testid="mail-row-open">
        <Group justify="space-between" wrap="nowrap" gap={6}>
          <Text size="sm" fw={bold ? 700 : 400} truncate data-testid="mail-row-from">
            {who}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {item.hasAttachments && (
              <Tooltip label={t('mail.list.attachment')}>
                <Box c="gray.7" display="flex" aria-label={t('mail.list.attachment')} data-testid="mail-row-clip">
                  <ClipIcon size={15} />
                </Box>
              </Tooltip>
            )}
            <Text size="xs" c={bold ? undefined : 'dimmed'} fw={bold ? 600 : 400}>
              {short(item.sentAt)}
            </Text>
          </Group>
        </Group>
        <Group gap={4} wrap="nowrap">
          {item.importance === 'high' && (
            <Box c="red.7" display="flex" aria-label={t('mail.list.highImportance')} data-testid="mail-row-important" style={{ flexShrink: 0 }}>
              <ImportantIcon size={15} />
            </Box>
          )}
          {item.isDraft && (
            <Text size="sm" c="red.7" style={{ flexShrink: 0 }}>
              [{t('mail.list.draft')}]
            </Text>
          )}
          <Text size="sm" fw={bold ? 700 : 500} truncate data-testid="mail-row-subject">
            {item.subject || t('mail.list.noSubject')}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {item.snippet || '\u00a0'}
        </Text>
        {awaiting && (
          <Text size="xs" c="orange.8" fw={600} data-testid="mail-row-unreadby">
            {t('mail.list.notReadBy', { count: item.unreadBy ?? 0 })}
          </Text>
        )}
      </UnstyledButton>
      <ActionIcon
        variant="subtle"
        color={item.flagged ? 'red' : 'gray'}
        size="sm"
        onClick={onFlag}
        aria-label={item.flagged ? t('mail.read.unflag') : t('mail.read.flag')}
        aria-pressed={item.flagged}
        data-testid="mail-row-flag"
      >
        <FlagIcon size={15} filled={item.flagged} />
      </ActionIcon>
    </Box>
  );
}
