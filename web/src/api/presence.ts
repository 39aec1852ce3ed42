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

/** The presence of these people (asked once per set of ids, kept current by signals). */
export function usePresenceOf(ids: string[]): Record<string, PresenceStatus> {
  const wanted = [...new Set(ids)].filter(Boolean).slice(0, 500);
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
