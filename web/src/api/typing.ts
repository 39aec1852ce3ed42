import { useEffect, useState } from 'react';
import { createStore, useStore } from './store.ts';

/** A typing signal counts for this long; senders repeat it every 3 s while typing. */
const SHOWN_MS = 5000;

type Typing = Record<string, Record<string, { name: string; until: number }>>;
export const typing = createStore<Typing>({});

/** Someone is typing in a discussion (a `discussion.typing` signal). */
export function heardTyping(p: { discussionId: string; userId: string; name: string }) {
  const all = typing.get();
  typing.set({ ...all, [p.discussionId]: { ...all[p.discussionId], [p.userId]: { name: p.name, until: Date.now() + SHOWN_MS } } });
}

/** Their message arrived: they are no longer typing it. */
export function stoppedTyping(discussionId: string, userId: string) {
  const d = typing.get()[discussionId];
  if (!d?.[userId]) return;
  const { [userId]: _gone, ...rest } = d;
  typing.set({ ...typing.get(), [discussionId]: rest });
}

/** Names of the people typing in this discussion now (re-checked every second until they stop). */
export function useTypingNames(discussionId: string): string[] {
  const all = useStore(typing);
  const [now, setNow] = useState(() => Date.now());
  const entries = Object.values(all[discussionId] ?? {}).filter((e) => e.until > now);
  useEffect(() => {
    if (!entries.length) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [entries.length > 0]);
  return entries.map((e) => e.name);
}
