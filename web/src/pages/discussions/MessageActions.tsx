import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '@mailroom/sdk';
import { PencilIcon } from '../../components/DiscussionIcons.tsx';
import { ReplyIcon, TrashIcon } from '../../components/MailIcons.tsx';
import { EmojiPicker } from './EmojiPicker.tsx';
import { useToggleReaction } from './ReactionBar.tsx';

interface Props {
  message: ChatMessage;
  mine: boolean;
  visible: boolean;
  onReply: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

/** Reply, react, and for my own messages edit and delete; faint until the message is pointed at. */
export function MessageActions({ message, mine, visible, onReply, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const toggle = useToggleReaction(message);
  const icon = (label: string, node: React.ReactNode, onClick: () => void, testId: string, color = 'gray') => (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color={color} size="sm" onClick={onClick} aria-label={label} data-testid={testId}>
        {node}
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Group gap={0} wrap="nowrap" style={{ flexShrink: 0, opacity: visible ? 1 : 0.15, transition: 'opacity 120ms' }} aria-label={t('discussions.message.actions')} role="toolbar">
      {icon(t('discussions.message.reply'), <ReplyIcon size={15} />, onReply, 'chat-action-reply')}
      <EmojiPicker
        label={t('discussions.message.react')}
        quick
        size="sm"
        testId="chat-action-react"
        onPick={(emoji) => toggle.mutate({ emoji, on: !message.reactions.some((r) => r.emoji === emoji && r.mine) })}
      />
      {mine && icon(t('discussions.message.edit'), <PencilIcon size={15} />, onEdit, 'chat-action-edit')}
      {mine && icon(t('discussions.message.delete'), <TrashIcon size={15} />, onDelete, 'chat-action-delete', 'red')}
    </Group>
  );
}
