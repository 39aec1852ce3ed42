import type { QueryClient } from '@tanstack/react-query';
import type { ChatMessage, Discussion } from '@mailroom/sdk';
import { findInList, type ListData, type MessagesData } from './discussions.ts';
import { keys } from './keys.ts';

/**
 * Cache updates from live events and from our own calls, so that lists, badges and the open
 * discussion change at once without refetching everything.
 */

const bySeqDesc = (a: ChatMessage, b: ChatMessage) => b.seq - a.seq;

/**
 * A message the server gave us (new, edited, deleted): put in place by id, or added by its number.
 * `own`: a REST answer to me (its `mine` flags are mine); events carry neutral ones (`mine` false
 * for all), so for them my flags as known here are kept.
 */
export function upsertMessage(qc: QueryClient, m: ChatMessage, own: boolean) {
  qc.setQueryData<MessagesData>(keys.discussionMessages(m.discussionId), (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((p) => ({
      ...p,
      items: p.items.map((x) => {
        if (x.id !== m.id) return x;
        found = true;
        if (own) return m;
        const mine = new Map(x.reactions.map((r) => [r.emoji, r.mine]));
        return { ...m, reactions: m.reactions.map((r) => ({ ...r, mine: mine.get(r.emoji) ?? false })) };
      }),
    }));
    if (found || !pages.length) return { ...data, pages };
    const first = pages[0]!;
    return { ...data, pages: [{ ...first, items: [...first.items, m].sort(bySeqDesc) }, ...pages.slice(1)] };
  });
}

/** A reaction added or taken back by someone (mine when it is me). */
export function applyReaction(qc: QueryClient, p: { discussionId: string; messageId: string; emoji: string; userId: string; added: boolean }, meId: string) {
  qc.setQueryData<MessagesData>(keys.discussionMessages(p.discussionId), (data) => {
    if (!data) return data;
    const change = (m: ChatMessage): ChatMessage => {
      const r = m.reactions.find((x) => x.emoji === p.emoji);
      const me = p.userId === meId;
      if (p.added) {
        if (r && me && r.mine) return m;
        const next = r ? { ...r, count: r.count + 1, mine: r.mine || me } : { emoji: p.emoji, count: 1, mine: me };
        return { ...m, reactions: r ? m.reactions.map((x) => (x === r ? next : x)) : [...m.reactions, next] };
      }
      if (!r || (me && !r.mine)) return m;
      const next = { ...r, count: r.count - 1, mine: me ? false : r.mine };
      return { ...m, reactions: next.count > 0 ? m.reactions.map((x) => (x === r ? next : x)) : m.reactions.filter((x) => x !== r) };
    };
    return { ...data, pages: data.pages.map((pg) => ({ ...pg, items: pg.items.map((m) => (m.id === p.messageId ? change(m) : m)) })) };
  });
}

const order = (a: Discussion, b: Discussion) =>
  Number(b.pinned) - Number(a.pinned) || (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? '');

/** Changes one discussion in the list (re-sorted: pinned first, newest message first) and in its own query. Returns whether the list had it. */
export function patchDiscussion(qc: QueryClient, id: string, change: (d: Discussion) => Discussion): boolean {
  let inList = false;
  qc.setQueryData<ListData>(keys.discussionList, (data) => {
    if (!data || !findInList(data, id)) return data;
    inList = true;
    const sizes = data.pages.map((p) => p.items.length);
    const all = data.pages.flatMap((p) => p.items).map((d) => (d.id === id ? change(d) : d)).sort(order);
    let at = 0;
    return { ...data, pages: data.pages.map((p, i) => ({ ...p, items: all.slice(at, (at += sizes[i]!)) })) };
  });
  qc.setQueryData<Discussion>(keys.discussion(id), (d) => (d ? change(d) : d));
  return inList;
}

/** A discussion as the server answered it (after a rename, pin, mute, members change). */
export function storeDiscussion(qc: QueryClient, d: Discussion) {
  qc.setQueryData(keys.discussion(d.id), d);
  if (!patchDiscussion(qc, d.id, () => d)) void qc.invalidateQueries({ queryKey: keys.discussionList });
}

/** A new message: the newest number, and unread unless it is mine (posting moves my own read marker). */
export function countMessage(qc: QueryClient, m: ChatMessage, meId: string): boolean {
  return patchDiscussion(qc, m.discussionId, (d) => {
    const lastSeq = Math.max(d.lastSeq, m.seq);
    const readSeq = m.author?.id === meId ? Math.max(d.readSeq, m.seq) : d.readSeq;
    return { ...d, lastSeq, readSeq, unread: Math.max(0, lastSeq - readSeq), lastMessageAt: m.createdAt > (d.lastMessageAt ?? '') ? m.createdAt : d.lastMessageAt };
  });
}

/** My read marker moved (here or in another tab). */
export function applyRead(qc: QueryClient, discussionId: string, seq: number) {
  patchDiscussion(qc, discussionId, (d) => {
    const readSeq = Math.max(d.readSeq, seq);
    return { ...d, readSeq, unread: Math.max(0, d.lastSeq - readSeq) };
  });
}

/** The discussion as far as the cache knows it (for muting and titles in alerts). */
export const cachedDiscussion = (qc: QueryClient, id: string) =>
  qc.getQueryData<Discussion>(keys.discussion(id)) ?? findInList(qc.getQueryData<ListData>(keys.discussionList), id);
