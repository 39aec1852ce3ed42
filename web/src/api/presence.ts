import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { MyPresence, PresenceStatus } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';
import { createStore, useStore } from './store.ts';

/** Other people's presence as last heard: fetched for the people on screen, then moved by `presence.changed` signals. */
export const presence = createStore<Record<string, PresenceStatus>>({});
/** When a signal last told us someone's presence: an answer asked for before that is older news. */
const heardAt = new Map<string, number>();

export function setPresence(userId: string, status: PresenceStatus) {
  heardAt.set(userId, Date.now());
  if (presence.get()[userId] !== status) presence.set({ ...presence.get(), [userId]: status });
}

/** How many mounted components show each person: the event stream watches them all. */
const shown = new Map<string, number>();
let stream: { watch(ids: readonly string[]): void } | null = null;
let pending: ReturnType<typeof setTimeout> | null = null;

/** Tells the server whom the screen shows (the latest first, should there be more than 500). */
const sendWatch = () => {
  pending = null;
  stream?.watch([...shown.keys()].reverse());
};

/** The event stream that watches the people on screen (null when it closes); useEvents sets it. */
export function watchWith(s: typeof stream) {
  stream = s;
  sendWatch();
}

/** These people are on screen until the returned function runs: their presence changes come live. */
function show(ids: string[]) {
  for (const id of ids) shown.set(id, (shown.get(id) ?? 0) + 1);
  pending ??= setTimeout(sendWatch, 50);
  return () => {
    for (const id of ids) {
      const n = (shown.get(id) ?? 1) - 1;
      if (n > 0) shown.set(id, n);
      else shown.delete(id);
    }
    pending ??= setTimeout(sendWatch, 50);
  };
}

/**
 * The presence of these people: asked once per set of ids, then kept current by `presence.changed`
 * signals — the event stream watches everyone shown, contacts or not.
 */
export function usePresenceOf(ids: string[]): Record<string, PresenceStatus> {
  const wanted = [...new Set(ids)].filter(Boolean).slice(0, 500);
  const shownKey = wanted.join(',');
  useEffect(() => show(shownKey ? shownKey.split(',') : []), [shownKey]);
  const q = useQuery({
    queryKey: keys.presence(wanted),
    queryFn: async () => {
      const askedAt = Date.now();
      return { askedAt, items: (await client.presence.of(wanted)).items };
    },
    enabled: wanted.length > 0,
    staleTime: 60_000,
  });
  useEffect(() => {
    if (!q.data) return;
    const next = { ...presence.get() };
    let changed = false;
    for (const p of q.data.items) {
      if ((heardAt.get(p.userId) ?? 0) > q.data.askedAt || next[p.userId] === p.status) continue;
      next[p.userId] = p.status;
      changed = true;
    }
    if (changed) presence.set(next);
  }, [q.data]);
  return useStore(presence);
}

/** My own status and settings (sounds, minutes before "away"); alerts read it outside React. */
export const myPresence = createStore<MyPresence | null>(null);

export function useMyPresence() {
  const q = useQuery({ queryKey: keys.myPresence, queryFn: () => client.presence.me(), staleTime: 5 * 60_000 });
  useEffect(() => {
    if (q.data) myPresence.set(q.data);
  }, [q.data]);
  return q;
}
