import { useEffect } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MyPresence } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';
import { myPresence, useMyPresence } from './presence.ts';

/**
 * "Away" after the person's awayMinutes without mouse or keyboard, and back to "available" on
 * activity — only when the client set "away" itself. Tabs share the last activity and that flag
 * through localStorage, so an idle tab does not mark someone away who works in another.
 */
const ACTIVITY = 'mailroom.presence.activity';
const AUTO = 'mailroom.presence.auto';
const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'touchstart', 'wheel'] as const;

const read = (k: string) => {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
};
const write = (k: string, v: string | null) => {
  try {
    if (v === null) localStorage.removeItem(k);
    else localStorage.setItem(k, v);
  } catch {
    // storage off: this tab alone decides
  }
};

async function setStatus(qc: QueryClient, status: MyPresence['status'], auto: boolean) {
  const p = await client.presence.set({ status });
  write(AUTO, auto ? '1' : null);
  qc.setQueryData(keys.myPresence, p);
  myPresence.set(p);
  return p;
}

/** Choosing a status by hand (it stays until changed by hand; sounds on or off). */
export function useSetMyPresence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: { status?: MyPresence['status']; sound?: boolean }) =>
      p.status ? setStatus(qc, p.status, false) : client.presence.set({ status: myPresence.get()?.status ?? 'available', sound: p.sound }).then((r) => {
        qc.setQueryData(keys.myPresence, r);
        myPresence.set(r);
        return r;
      }),
  });
}

export function useAutoAway() {
  const qc = useQueryClient();
  useMyPresence();
  useEffect(() => {
    let last = Date.now();
    let written = 0;
    let busy = false;
    let x = -1;
    let y = -1;
    const active = (e: Event) => {
      // the browser also sends mousemove when the page changes under a still pointer: not activity
      if (e instanceof MouseEvent && e.type === 'mousemove') {
        if (e.screenX === x && e.screenY === y) return;
        x = e.screenX;
        y = e.screenY;
      }
      last = Date.now();
      if (last - written > 10_000) {
        written = last;
        write(ACTIVITY, String(last));
      }
      if (!busy && read(AUTO) === '1' && myPresence.get()?.status === 'away') {
        busy = true;
        void setStatus(qc, 'available', false).catch(() => undefined).finally(() => (busy = false));
      }
    };
    const check = () => {
      const p = myPresence.get();
      const seen = Math.max(last, Number(read(ACTIVITY)) || 0);
      if (!busy && p?.status === 'available' && Date.now() - seen >= p.awayMinutes * 60_000) {
        busy = true;
        void setStatus(qc, 'away', true).catch(() => undefined).finally(() => (busy = false));
      }
    };
    const timer = setInterval(check, 15_000);
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, active, { passive: true, capture: true });
    return () => {
      clearInterval(timer);
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, active, { capture: true });
    };
  }, [qc]);
}
