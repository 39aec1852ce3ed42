import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Discussion } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { applyRead } from '../../api/discussionCache.ts';

/** The newest number already told to the server, per discussion (one POST per new message seen). */
const told = new Map<string, number>();

/**
 * While the discussion is on screen and the tab is visible, the newest message shown counts as
 * read: POST …/read with its number; the badge drops at once, the server's `discussion.read`
 * reaches my other tabs.
 */
export function useReadMarker(discussion: Discussion, newestSeq: number) {
  const qc = useQueryClient();
  const { id, readSeq } = discussion;
  useEffect(() => {
    const mark = () => {
      if (document.visibilityState !== 'visible' || !newestSeq) return;
      if (newestSeq <= Math.max(readSeq, told.get(id) ?? 0)) return;
      told.set(id, newestSeq);
      applyRead(qc, id, newestSeq);
      client.discussions
        .read(id, newestSeq)
        .then((r) => applyRead(qc, id, r.readSeq))
        .catch(() => told.delete(id));
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [id, readSeq, newestSeq, qc]);
}
