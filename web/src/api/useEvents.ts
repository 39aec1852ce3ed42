import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Event } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';

/**
 * One event stream for the signed-in user: keeps cached data fresh when something changes
 * elsewhere (another tab, an administrator, the host application).
 */
export function useEvents(userId: string | null) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!userId) return;
    const onEvent = (e: Event) => {
      switch (e.type) {
        case 'user.updated':
          void qc.invalidateQueries({ queryKey: keys.me });
          void qc.invalidateQueries({ queryKey: keys.users });
          void qc.invalidateQueries({ queryKey: keys.departments });
          break;
        case 'group.updated':
          void qc.invalidateQueries({ queryKey: keys.groups });
          break;
        default:
          break;
      }
    };
    const stream = client.events.connect({
      onEvent,
      onResync: () => void qc.invalidateQueries(),
      // signed out elsewhere, password reset or deactivated: asking who we are shows the sign-in screen
      onUnauthenticated: () => void qc.invalidateQueries({ queryKey: keys.me }),
    });
    return () => stream.close();
  }, [userId, qc]);
}
