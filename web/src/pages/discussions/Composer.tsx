import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Box, CloseButton, Group, Text, Textarea, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatMessage, Discussion } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { newClientId, queueOutgoing } from '../../api/outgoing.ts';
import { useMe } from '../../api/session.ts';
import { ClipIcon, SendIcon } from '../../components/MailIcons.tsx';
import { ComposerFiles, uploadChatFile, type ChatFile } from './ComposerFiles.tsx';
import { EmojiPicker } from './EmojiPicker.tsx';
import { MentionList } from './MentionList.tsx';
import type { Person } from './PeoplePicker.tsx';
import { useMentions } from './useMentions.ts';

interface Props {
  discussion: Discussion;
  replyTo: ChatMessage | null;
  onCancelReply: () => void;
}

const TYPING_EVERY_MS = 3000;
let lastCreated = 0;

/**
 * Writing a message: text with emoji and @mentions, a reply, files. The send key is the person's
 * setting (Enter, or Ctrl+Enter; the other one makes a new line). Sending writes the message to the
 * outgoing queue (IndexedDB) with a new client id, which shows it at once and sends it exactly once.
 */
export function Composer({ discussion, replyTo, onCancelReply }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<Person[]>([]);
  const [files, setFiles] = useState<ChatFile[]>([]);
  const [focused, setFocused] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const typingSent = useRef(0);
  const mentions = useMentions(discussion, me.id, text, caret);
  const uploading = files.some((f) => f.uploading);

  useEffect(() => {
    if (replyTo) area.current?.focus();
  }, [replyTo]);

  const put = (next: string, at: number) => {
    setText(next);
    setCaret(at);
    requestAnimationFrame(() => {
      const el = area.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(at, at);
    });
  };
  const insert = (s: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    put(text.slice(0, start) + s + text.slice(end), start + s.length);
  };
  const pickMention = (p: Person) => {
    if (!mentions.at) return;
    const token = `@${p.name} `;
    put(text.slice(0, mentions.at.start) + token + text.slice(caret), mentions.at.start + token.length);
    if (!picked.some((x) => x.id === p.id)) setPicked([...picked, p]);
    mentions.reset();
  };

  const typing = () => {
    const now = Date.now();
    if (now - typingSent.current < TYPING_EVERY_MS) return;
    typingSent.current = now;
    void client.discussions.typing(discussion.id).catch(() => undefined);
  };

  const send = () => {
    const body = text.trim();
    const ready = files.filter((f) => f.uploadId);
    if (uploading || (!body && !ready.length)) return;
    lastCreated = Math.max(Date.now(), lastCreated + 1);
    void queueOutgoing({
      clientId: newClientId(),
      userId: me.id,
      discussionId: discussion.id,
      text: body,
      replyTo: replyTo ? { id: replyTo.id, author: replyTo.author?.name ?? '', text: replyTo.text.slice(0, 300) } : null,
      mentions: picked.filter((p) => body.includes(`@${p.name}`)),
      uploadIds: ready.map((f) => f.uploadId!),
      files: ready.map((f) => ({ filename: f.filename, size: f.size })),
      createdAt: lastCreated,
      state: 'sending',
      error: null,
    });
    setText('');
    setCaret(0);
    setPicked([]);
    setFiles([]);
    onCancelReply();
    typingSent.current = 0;
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (mentions.open && focused) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        return mentions.move(e.key === 'ArrowDown' ? 1 : -1);
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        return pickMention(mentions.options[mentions.active]!);
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        return mentions.dismiss();
      }
    }
    if (e.key === 'Escape' && replyTo) return onCancelReply();
    if (e.key !== 'Enter') return;
    const ctrl = e.ctrlKey || e.metaKey;
    if (me.sendKey === 'enter') {
      if (!ctrl && !e.shiftKey) {
        e.preventDefault();
        send();
      } else if (ctrl) {
        // the other key makes a new line
        e.preventDefault();
        insert('\n');
      }
    } else if (ctrl) {
      e.preventDefault();
      send();
    }
  };

  return (
    <Box px="sm" pb="sm" pt={4} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      {replyTo && (
        <Group gap={6} wrap="nowrap" mb={6} pl={8} style={{ borderLeft: '3px solid var(--mantine-color-blue-4)' }} data-testid="composer-reply">
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Text size="xs" fw={600}>
              {t('discussions.composer.replyingTo', { name: replyTo.author?.name ?? t('discussions.message.unknownAuthor') })}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {replyTo.text}
            </Text>
          </Box>
          <CloseButton size="sm" onClick={onCancelReply} aria-label={t('discussions.composer.cancelReply')} data-testid="composer-reply-cancel" />
        </Group>
      )}
      <ComposerFiles files={files} onChange={setFiles} />
      <Box pos="relative">
        {mentions.open && focused && <MentionList options={mentions.options} active={mentions.active} onPick={pickMention} />}
        <Group align="flex-end" gap={4} wrap="nowrap">
          <EmojiPicker label={t('discussions.composer.emoji')} onPick={insert} testId="composer-emoji" />
          <Tooltip label={t('discussions.composer.attach')}>
            <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => fileInput.current?.click()} aria-label={t('discussions.composer.attach')} data-testid="composer-attach">
              <ClipIcon size={20} />
            </ActionIcon>
          </Tooltip>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            onChange={(e) => {
              for (const f of Array.from(e.currentTarget.files ?? [])) uploadChatFile(f, setFiles);
              e.currentTarget.value = '';
            }}
            data-testid="composer-file-input"
          />
          <Textarea
            ref={area}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setCaret(e.currentTarget.selectionStart);
              if (e.currentTarget.value.trim()) typing();
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            placeholder={t('discussions.composer.placeholder')}
            aria-label={t('discussions.composer.placeholder')}
            autosize
            minRows={1}
            maxRows={8}
            style={{ flex: 1 }}
            data-testid="composer-input"
          />
          <Tooltip label={t('discussions.composer.send')}>
            <ActionIcon size="lg" variant="filled" onClick={send} disabled={uploading} aria-label={t('discussions.composer.send')} data-testid="composer-send">
              <SendIcon size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Box>
      <Text size="xs" c="dimmed" mt={4} data-testid="composer-hint">
        {me.sendKey === 'enter' ? t('discussions.composer.hintEnter') : t('discussions.composer.hintCtrl')}
      </Text>
    </Box>
  );
}
