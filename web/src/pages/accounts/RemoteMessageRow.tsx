import { Box, Checkbox, Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RemoteSummary } from '@mailroom/sdk';
import { useFormatShortDate } from '../../app/format.ts';

interface Props {
  item: RemoteSummary;
  open: boolean;
  checked: boolean;
  onOpen: () => void;
  onCheck: (checked: boolean) => void;
}

/** A message on the server (light mode): a box to select it for import, and the sender, date and subject to open it. */
export function RemoteMessageRow({ item, open, checked, onOpen, onCheck }: Props) {
  const { t } = useTranslation();
  const short = useFormatShortDate();
  return (
    <Box
      px="sm"
      py={8}
      bg={open ? 'var(--mantine-color-blue-light)' : undefined}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', display: 'flex', gap: 10, alignItems: 'flex-start' }}
      data-testid="remote-row"
      data-uid={item.uid}
      data-subject={item.subject}
    >
      <Checkbox mt={4} checked={checked} onChange={(e) => onCheck(e.currentTarget.checked)} aria-label={t('accounts.select')} data-testid="remote-row-check" />
      <UnstyledButton onClick={onOpen} style={{ flex: 1, minWidth: 0 }} data-testid="remote-row-open">
        <Group justify="space-between" wrap="nowrap" gap={6}>
          <Text size="sm" fw={item.seen ? 400 : 700} truncate>
            {item.from ? item.from.name || item.from.email : '—'}
          </Text>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {short(item.date)}
          </Text>
        </Group>
        <Text size="sm" fw={item.seen ? 500 : 700} truncate>
          {item.subject || t('mail.list.noSubject')}
        </Text>
      </UnstyledButton>
    </Box>
  );
}
