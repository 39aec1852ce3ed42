import { useState } from 'react';
import { ActionIcon, Box, Group, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Discussion } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { storeDiscussion } from '../../api/discussionCache.ts';
import { usePresenceOf } from '../../api/presence.ts';
import { useMe } from '../../api/session.ts';
import { KindIcon, MuteIcon, PencilIcon, PinIcon } from '../../components/DiscussionIcons.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { UsersIcon } from '../../components/Icons.tsx';
import { BackIcon } from '../../components/MailIcons.tsx';
import { PresenceDot } from '../../components/PresenceDot.tsx';
import { MembersModal } from './MembersModal.tsx';
import { RenameModal } from './RenameModal.tsx';

interface Props {
  discussion: Discussion;
  onBack?: () => void;
  /** In the embedded widget: the title only. */
  embed?: boolean;
}

/** Title (with kind, presence of the other person in a dialog), pin, mute, members and rename. */
export function ChatHeader({ discussion: d, onBack, embed }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [modal, setModal] = useState<'members' | 'rename' | null>(null);
  const other = d.kind === 'direct' ? d.members.find((m) => m.id !== me.id) : undefined;
  const presence = usePresenceOf(other ? [other.id] : []);
  const update = useMutation({
    mutationFn: (patch: { pinned?: boolean; muted?: boolean }) => client.discussions.update(d.id, patch),
    onSuccess: (next) => storeDiscussion(qc, next),
  });
  const subtitle =
    d.kind === 'object' && d.object
      ? t('discussions.header.about', { title: d.object.title || d.object.id })
      : d.kind === 'group'
        ? t('discussions.header.members', { count: d.members.length })
        : t('discussions.kind.direct');

  const action = (label: string, icon: React.ReactNode, onClick: () => void, testId: string, active?: boolean) => (
    <Tooltip label={label}>
      <ActionIcon variant={active ? 'light' : 'subtle'} color={active ? 'blue' : 'gray'} size="lg" onClick={onClick} aria-label={label} aria-pressed={active} data-testid={testId}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );

  return (
    <Box style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group justify="space-between" px="sm" py={8} wrap="nowrap" gap="xs">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          {onBack && (
            <ActionIcon variant="subtle" onClick={onBack} aria-label={t('discussions.back')} data-testid="chat-back">
              <BackIcon size={18} />
            </ActionIcon>
          )}
          <ThemeIcon variant="light" radius="xl" size={32} aria-label={t(`discussions.kind.${d.kind}`)}>
            <KindIcon kind={d.kind} size={16} />
          </ThemeIcon>
          {other && <PresenceDot status={presence[other.id]} />}
          <Box style={{ minWidth: 0 }}>
            <Title order={3} size="h5" lineClamp={1} data-testid="chat-title">
              {d.title}
            </Title>
            <Text size="xs" c="dimmed" truncate data-testid="chat-subtitle">
              {subtitle}
              {d.titleEdited ? ` · ${t('discussions.header.renamed')}` : ''}
            </Text>
          </Box>
        </Group>
        {!embed && (
          <Group gap={2} wrap="nowrap">
            {action(d.pinned ? t('discussions.header.unpin') : t('discussions.header.pin'), <PinIcon size={18} />, () => update.mutate({ pinned: !d.pinned }), 'chat-pin', d.pinned)}
            {action(d.muted ? t('discussions.header.unmute') : t('discussions.header.mute'), <MuteIcon size={18} />, () => update.mutate({ muted: !d.muted }), 'chat-mute', d.muted)}
            {d.kind === 'group' && d.createdBy === me.id && action(t('discussions.header.rename'), <PencilIcon size={18} />, () => setModal('rename'), 'chat-rename')}
            {d.kind === 'group' && action(t('discussions.header.members', { count: d.members.length }), <UsersIcon size={18} />, () => setModal('members'), 'chat-members')}
          </Group>
        )}
      </Group>
      <ErrorAlert error={update.error} />
      {modal === 'rename' && <RenameModal discussion={d} onClose={() => setModal(null)} />}
      {modal === 'members' && <MembersModal discussion={d} onClose={() => setModal(null)} />}
    </Box>
  );
}
