import { createStore } from './store.ts';
import { myPresence } from './presence.ts';

/**
 * Alerts for discussions: a short tone (Web Audio, no file) and a browser notification.
 * "Do not disturb" silences both; sounds follow the person's setting. Only the full client alerts
 * (the embedded widget does not): the frame switches them on.
 */
let enabled = false;
export const enableAlerts = (on: boolean) => void (enabled = on);
export const alertsEnabled = () => enabled;

let audio: AudioContext | null = null;

/** Two soft notes, ~0.25 s. */
export function chime() {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    if (audio.state === 'suspended') void audio.resume();
    const t0 = audio.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const start = t0 + i * 0.12;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.15);
    }
  } catch {
    // no audio here: the notification alone has to do
  }
}

export type Permission = NotificationPermission | 'unsupported';
const currentPermission = (): Permission => ('Notification' in window ? Notification.permission : 'unsupported');
/** Browser notification permission; asked only when the person presses the button. */
export const permission = createStore<Permission>(currentPermission());

export async function askPermission() {
  if (!('Notification' in window)) return;
  try {
    permission.set(await Notification.requestPermission());
  } catch {
    permission.set(currentPermission());
  }
}

/** Alerts about a discussion, unless "do not disturb" is on (or this page does not alert). */
export function alertAbout(a: { tag: string; title: string; body: string; onOpen: () => void }) {
  if (!enabled) return;
  const me = myPresence.get();
  if (me?.status === 'dnd') return;
  if (me?.sound ?? true) chime();
  if (currentPermission() !== 'granted') return;
  try {
    const n = new Notification(a.title, { body: a.body, tag: a.tag });
    n.onclick = () => {
      window.focus();
      a.onOpen();
      n.close();
    };
  } catch {
    // some browsers only show notifications from a service worker
  }
}
