import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useAutoAway } from './autoAway.ts';
import { countMessage, upsertMessage } from './discussionCache.ts';
import { enableAlerts } from './notify.ts';
import { startOutgoing } from './outgoing.ts';

/** The outgoing queue (unsent messages from before a reload go out now), its answers into the cache. */
export function useOutgoingQueue(userId: string) {
  const qc = useQueryClient();
  useEffect(
    () =>
      startOutgoing(userId, (m) => {
        upsertMessage(qc, m, true);
        countMessage(qc, m, userId);
      }),
    [userId, qc],
  );
}

/** What the full client runs for discussions wherever the person is: sending, alerts, automatic "away". */
export function useDiscussionRuntime(userId: string) {
  useOutgoingQueue(userId);
  useAutoAway();
  useEffect(() => {
    enableAlerts(true);
    return () => enableAlerts(false);
  }, []);
}
