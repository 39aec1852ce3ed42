import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Event, EventPayload } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';
import { onDiscussionEvent, onSignal } from './discussionEvents.ts';
import { pushMailAlert, streamStatus } from './mail.ts';
import { flushOutgoing } from './outgoing.ts';
import { myPresence, watchWith } from './presence.ts';

/**
 * One event stream for the signed-in user: keeps cached data fresh when something changes
 * elsewhere (another tab, an administrator, the host application), announces new mail, and carries
 * discussions live (messages, reactions, read markers, typing and presence signals).
 * `credential` (a widget's token) reconnects the stream when it changes.
 */
export function useEvents(userId: string | null, credential?: string) {
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
        case 'mail.received': {
          const p = e.payload as EventPayload<'mail.received'>;
          // "do not disturb" holds back the toast of ordinary mail (high importance still interrupts)
          if (p.importance === 'high' || myPresence.get()?.status !== 'dnd')
            pushMailAlert({ key: e.id, messageId: p.messageId, subject: p.subject, importance: p.importance, senderName: p.sender.name });
          void qc.invalidateQueries({ queryKey: keys.mailFolders });
          void qc.invalidateQueries({ queryKey: keys.mailLists });
          void qc.invalidateQueries({ queryKey: keys.mailSearches });
          void qc.invalidateQueries({ queryKey: ['mail', 'thread'] });
          break;
        }
        case 'mail.read':
          // one of my messages was read: delivery panels, Sent (bold rows, "not yet read by") and counts
          void qc.invalidateQueries({ queryKey: keys.mailDeliveriesAll });
          void qc.invalidateQueries({ queryKey: keys.mailFolders });
          void qc.invalidateQueries({ queryKey: keys.mailLists });
          void qc.invalidateQueries({ queryKey: keys.mailSearches });
          void qc.invalidateQueries({ queryKey: ['mail', 'entry'] });
          break;
        case 'mail.changed':
          void qc.invalidateQueries({ queryKey: keys.mail });
          break;
        case 'account.changed':
          // synchronising, up to date or failed: the accounts' state, and the folders (and counts) it fills
          void qc.invalidateQueries({ queryKey: keys.accounts });
          void qc.invalidateQueries({ queryKey: keys.mailFolders });
          break;
        default:
          onDiscussionEvent(qc, e, userId);
          break;
      }
    };
    const stream = client.events.connect({
      onEvent,
      onSignal,
      onStatus: (s) => {
        streamStatus.set(s);
        // back online (or reconnected): messages written meanwhile go out now
        if (s === 'open') void flushOutgoing();
      },
      onResync: () => void qc.invalidateQueries(),
      // signed out elsewhere, password reset or deactivated: asking who we are shows the sign-in screen
      onUnauthenticated: () => void qc.invalidateQueries({ queryKey: keys.me }),
    });
    // the people whose presence is on screen (discussion list, members, user search, dialog header):
    // their presence now, then every change, also after a reconnect
    watchWith(stream);
    return () => {
      watchWith(null);
      stream.close();
      streamStatus.set('closed');
    };
  }, [userId, credential, qc]);
}
