import type { QueryClient } from '@tanstack/react-query';
import type { ChatMessage, Event, EventPayload, Signal } from '@mailroom/sdk';
import { navigate } from '../app/router.ts';
import { client } from './client.ts';
import i18n from '../i18n/index.ts';
import { applyRead, applyReaction, cachedDiscussion, countMessage, upsertMessage } from './discussionCache.ts';
import { isWatching, openDiscussion } from './discussions.ts';
import { keys } from './keys.ts';
import { alertAbout, alertsEnabled } from './notify.ts';
import { setPresence } from './presence.ts';
import { heardTyping, stoppedTyping } from './typing.ts';

/** Message ids already alerted about (a mention also comes as a message). */
const alerted = new Set<string>();

const preview = (m: Pick<ChatMessage, 'text' | 'files'>) => {
  const text = m.text.replace(/\s+/g, ' ').trim();
  if (text) return text.length > 140 ? `${text.slice(0, 139)}…` : text;
  return m.files.map((f) => `📎 ${f.filename}`).join(', ');
};

function alertOnce(messageId: string, discussionId: string, title: string, body: string) {
  if (alerted.has(messageId)) return;
  alerted.add(messageId);
  if (alerted.size > 500) alerted.delete(alerted.values().next().value!);
  alertAbout({ tag: `discussion-${discussionId}`, title, body, onOpen: () => navigate(`/discussions/${discussionId}`) });
}

/** The discussion for an alert's title: from the cache, else asked once. */
async function discussionFor(qc: QueryClient, id: string) {
  return cachedDiscussion(qc, id) ?? (await qc.fetchQuery({ queryKey: keys.discussion(id), queryFn: () => client.discussions.get(id) }).catch(() => undefined));
}

/** A message from someone else, not on screen: alert unless muted; a mention of me alerts even then. */
async function alertMessage(qc: QueryClient, m: ChatMessage, meId: string) {
  const d = await discussionFor(qc, m.discussionId);
  const name = m.author?.name ?? i18n.t('discussions.message.unknownAuthor');
  const title = d?.title ?? '';
  if (m.mentions.includes(meId)) alertOnce(m.id, m.discussionId, i18n.t('discussions.alert.mention', { name, title }), preview(m));
  else if (!d?.muted) alertOnce(m.id, m.discussionId, d && d.kind !== 'direct' ? i18n.t('discussions.alert.message', { name, title }) : name, preview(m));
}

async function alertMention(qc: QueryClient, p: EventPayload<'discussion.mention'>) {
  const d = await discussionFor(qc, p.discussionId);
  const name = p.by?.name ?? i18n.t('discussions.message.unknownAuthor');
  alertOnce(p.messageId, p.discussionId, i18n.t('discussions.alert.mention', { name, title: d?.title ?? '' }), d?.title ?? '');
}

/**
 * Live discussion events: messages, edits, reactions, read markers and list changes go into the
 * cache at once; messages from others in a discussion not muted and not on screen (or any
 * mention) alert. Returns whether the event was a discussion event.
 */
export function onDiscussionEvent(qc: QueryClient, e: Event, meId: string): boolean {
  switch (e.type) {
    case 'discussion.message': {
      const { message: m } = e.payload as EventPayload<'discussion.message'>;
      upsertMessage(qc, m, false);
      if (m.author) stoppedTyping(m.discussionId, m.author.id);
      if (!countMessage(qc, m, meId)) void qc.invalidateQueries({ queryKey: keys.discussionList });
      if (alertsEnabled() && m.author?.id !== meId && !isWatching(m.discussionId)) void alertMessage(qc, m, meId);
      return true;
    }
    case 'discussion.message.updated':
      upsertMessage(qc, (e.payload as EventPayload<'discussion.message.updated'>).message, false);
      return true;
    case 'discussion.reaction':
      applyReaction(qc, e.payload as EventPayload<'discussion.reaction'>, meId);
      return true;
    case 'discussion.read': {
      const p = e.payload as EventPayload<'discussion.read'>;
      if (p.userId === meId) applyRead(qc, p.discussionId, p.seq);
      return true;
    }
    case 'discussion.updated': {
      const p = e.payload as EventPayload<'discussion.updated'>;
      void qc.invalidateQueries({ queryKey: keys.discussionList });
      void qc.invalidateQueries({ queryKey: keys.discussion(p.discussionId) });
      return true;
    }
    case 'discussion.removed': {
      const p = e.payload as EventPayload<'discussion.removed'>;
      void qc.invalidateQueries({ queryKey: keys.discussionList });
      qc.removeQueries({ queryKey: keys.discussion(p.discussionId) });
      qc.removeQueries({ queryKey: keys.discussionMessages(p.discussionId) });
      if (openDiscussion.get() === p.discussionId) navigate('/discussions');
      return true;
    }
    case 'discussion.mention': {
      const p = e.payload as EventPayload<'discussion.mention'>;
      if (!cachedDiscussion(qc, p.discussionId)) void qc.invalidateQueries({ queryKey: keys.discussionList });
      // even when muted: being named is worth a sound (the message itself usually came first and said so)
      if (alertsEnabled() && !isWatching(p.discussionId)) void alertMention(qc, p);
      return true;
    }
    default:
      return false;
  }
}

/** Passing signals: someone is typing, the presence of a contact or of someone on screen changed. */
export function onSignal(s: Signal) {
  if (s.type === 'discussion.typing') heardTyping(s.payload as EventPayload<'discussion.typing'>);
  else if (s.type === 'presence.changed') {
    const p = s.payload as EventPayload<'presence.changed'>;
    setPresence(p.userId, p.status);
  }
}
