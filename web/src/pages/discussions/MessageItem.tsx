import { useState } from 'react';
import { Box, Button, Group, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { upsertMessage } from '../../api/discussionCache.ts';
import { useMe } from '../../api/session.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CheckIcon } from '../../components/Icons.tsx';
import { MessageActions } from './MessageActions.tsx';
import { MessageFiles } from './MessageFiles.tsx';
import { MessageText } from './MessageText.tsx';
import { ReactionBar } from './ReactionBar.tsx';
import { ReplyQuote } from './ReplyQuote.tsx';
import { useMessageTime } from './time.ts';

interface Props {
  message: ChatMessage;
  /** Follows a message of the same author shortly before: no author line. */
  compact: boolean;
  names: Map<string, string>;
  onReply: (m: ChatMessage) => void;
}

/** One message: author and time, reply quote, text with mentions, files, reactions; my own can be edited and deleted. */
export function MessageItem({ message: m, compact, names, onReply }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const time = useMessageTime();
  const mine = m.author?.id === me.id;
  const [hover, setHover] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const when = time(m.createdAt);
  const save = useMutation({
    mutationFn: (text: string) => client.discussions.edit(m.discussionId, m.id, text),
    onSuccess: (next) => {
      upsertMessage(qc, next, true);
      setEditing(null);
    },
  });
  const remove = useMutation({
    mutationFn: () => client.discussions.remove(m.discussionId, m.id),
    onSuccess: (next) => {
      upsertMessage(qc, next, true);
      setConfirm(false);
    },
  });
  const submitEdit = () => editing?.trim() && save.mutate(editing.trim());
  const mentioned = m.mentions.map((id) => ({ id, name: names.get(id) ?? '' }));

  return (
    <Box
      px={6}
      py={compact ? 1 : 6}
      mt={compact ? 0 : 4}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      onFocus={() => setHover(true)}
      title={compact ? when.full : undefined}
      style={{ borderRadius: 8, background: hover ? 'var(--mantine-color-gray-0)' : undefined }}
      data-testid="chat-message"
      data-id={m.id}
      data-seq={m.seq}
      data-client-id={mine ? m.clientId : undefined}
      data-mine={mine}
      data-state={mine ? 'sent' : undefined}
      data-deleted={m.deleted}
    >
      {!compact && (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} truncate data-testid="chat-message-author">
            {m.author?.name ?? t('discussions.message.unknownAuthor')}
          </Text>
          <Text size="xs" c="dimmed" title={when.full} style={{ flexShrink: 0 }} data-testid="chat-message-time">
            {when.short}
          </Text>
          {mine && (
            <Box component="span" c="teal.7" title={t('discussions.message.sent')} style={{ lineHeight: 0 }}>
              <CheckIcon size={12} />
            </Box>
          )}
        </Group>
      )}
      <Group align="flex-start" wrap="nowrap" gap={6}>
        <Box style={{ flex: 1, minWidth: 0 }}>
          {m.replyTo && !m.deleted && <ReplyQuote reply={m.replyTo} />}
          {m.deleted ? (
            <Text size="sm" fs="italic" c="dimmed" data-testid="chat-message-deleted">
              {t('discussions.message.deleted')}
            </Text>
          ) : editing !== null ? (
            <Box>
              <Textarea
                value={editing}
                onChange={(e) => setEditing(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') setEditing(null);
                  if (e.key === 'Enter' && !e.shiftKey && (me.sendKey === 'enter') !== (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    submitEdit();
                  }
                }}
                autosize
                minRows={1}
                maxRows={10}
                autoFocus
                aria-label={t('discussions.message.edit')}
                data-testid="chat-edit-input"
              />
              <Group gap={6} mt={4}>
                <Button size="compact-sm" onClick={submitEdit} loading={save.isPending} data-testid="chat-edit-save">
                  {t('discussions.message.save')}
                </Button>
                <Button size="compact-sm" variant="default" onClick={() => setEditing(null)}>
                  {t('discussions.message.cancel')}
                </Button>
              </Group>
              <ErrorAlert error={save.error} />
            </Box>
          ) : (
            <MessageText
              text={m.text}
              mentioned={mentioned}
              meId={me.id}
              suffix={
                m.editedAt ? (
                  <Text span size="xs" c="dimmed" ml={6} data-testid="chat-message-edited">
                    ({t('discussions.message.edited')})
                  </Text>
                ) : null
              }
            />
          )}
          {!m.deleted && <MessageFiles message={m} />}
          {!m.deleted && <ReactionBar message={m} />}
        </Box>
        {!m.deleted && editing === null && (
          <MessageActions message={m} mine={mine} visible={hover} onReply={() => onReply(m)} onEdit={() => setEditing(m.text)} onDelete={() => setConfirm(true)} />
        )}
      </Group>
      <ConfirmModal
        opened={confirm}
        title={t('discussions.message.deleteTitle')}
        text={t('discussions.message.deleteText')}
        confirmLabel={t('discussions.message.delete')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirm(false)}
      />
    </Box>
  );
}
