import { Badge, Box, Group, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Discussion, PresenceStatus } from '@mailroom/sdk';
import { useFormatShortDate } from '../../app/format.ts';
import { KindIcon, MuteIcon, PinIcon } from '../../components/DiscussionIcons.tsx';
import { PresenceDot } from '../../components/PresenceDot.tsx';

interface Props {
  discussion: Discussion;
  selected: boolean;
  /** Direct dialogs: the other person's presence. */
  presence?: PresenceStatus;
  onOpen: () => void;
}

const kindColor = { object: 'teal', group: 'grape', direct: 'blue' } as const;

/** One line of the list: kind icon (with the other person's presence in a dialog), title, time, pin, mute, unread. */
export function DiscussionRow({ discussion: d, selected, presence, onOpen }: Props) {
  const { t } = useTranslation();
  const shortDate = useFormatShortDate();
  const subtitle = d.kind === 'object' && d.object ? t('discussions.header.about', { title: d.object.title || d.object.id }) : t(`discussions.kind.${d.kind}`);
  return (
    <UnstyledButton
      onClick={onOpen}
      data-testid="discussion-row"
      data-id={d.id}
      data-kind={d.kind}
      data-unread={d.unread}
      data-pinned={d.pinned}
      data-muted={d.muted}
      aria-current={selected ? 'true' : undefined}
      style={{
        display: 'block',
        width: '100%',
        padding: '8px 12px',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: selected ? 'var(--mantine-color-blue-light)' : undefined,
      }}
    >
      <Group gap={10} wrap="nowrap">
        <Box pos="relative" style={{ flexShrink: 0 }}>
          <ThemeIcon variant="light" radius="xl" size={36} color={kindColor[d.kind]} aria-label={t(`discussions.kind.${d.kind}`)}>
            <KindIcon kind={d.kind} size={18} />
          </ThemeIcon>
          {d.kind === 'direct' && (
            <Box pos="absolute" right={-1} bottom={-1} style={{ lineHeight: 0 }}>
              <PresenceDot status={presence} size={11} />
            </Box>
          )}
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap={6}>
            <Text size="sm" fw={d.unread ? 700 : 500} truncate data-testid="discussion-row-title">
              {d.title}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {shortDate(d.lastMessageAt)}
            </Text>
          </Group>
          <Group justify="space-between" wrap="nowrap" gap={6}>
            <Text size="xs" c="dimmed" truncate>
              {d.lastMessageAt ? subtitle : `${subtitle} · ${t('discussions.noMessages')}`}
            </Text>
            <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
              {d.pinned && (
                <Box component="span" c="dimmed" title={t('discussions.row.pinned')} data-testid="discussion-row-pinned" style={{ lineHeight: 0 }}>
                  <PinIcon size={14} />
                </Box>
              )}
              {d.muted && (
                <Box component="span" c="dimmed" title={t('discussions.row.muted')} data-testid="discussion-row-muted" style={{ lineHeight: 0 }}>
                  <MuteIcon size={14} />
                </Box>
              )}
              {d.unread > 0 && (
                <Badge size="sm" variant="filled" color={d.muted ? 'gray' : 'blue'} aria-label={t('discussions.row.unread', { count: d.unread })} data-testid="discussion-unread">
                  {d.unread}
                </Badge>
              )}
            </Group>
          </Group>
        </Box>
      </Group>
    </UnstyledButton>
  );
}
