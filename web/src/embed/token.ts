import { client } from '../api/client.ts';
import { createStore } from '../api/store.ts';

/**
 * The embedded discussion signs in with a token the host application minted for its user. It
 * arrives in the URL fragment (never sent to any server, taken off the address at once) or by
 * postMessage from the widget in the parent page, and is kept in memory only.
 */
export const embedToken = createStore<string | null>(null);

export function setEmbedToken(token: string) {
  client.http.opts.token = token;
  embedToken.set(token);
}

/** Reads #token=… and removes it from the address (and from history) before anything else runs. */
export function takeTokenFromFragment() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (token) setEmbedToken(token);
}

/** A new token from the widget (the host gave the element a fresh one). */
export function listenForToken() {
  const onMessage = (e: MessageEvent) => {
    if (e.source !== window.parent || e.source === window) return;
    const d = e.data as { type?: unknown; token?: unknown } | null;
    if (d?.type === 'mailroom:token' && typeof d.token === 'string' && d.token && d.token !== embedToken.get()) setEmbedToken(d.token);
  };
  window.addEventListener('message', onMessage);
  return () => window.removeEventListener('message', onMessage);
}

/** Asks the widget for a (new) token: none came, or the one we had expired. Carries no secret. */
export function askForToken() {
  if (window.parent !== window) window.parent.postMessage({ type: 'mailroom:need-token' }, '*');
}
