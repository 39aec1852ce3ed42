import { client } from './client.ts';

/**
 * Downloads a file the API serves. With the session cookie a plain link does it; with a bearer
 * token (the embedded widget) the file is fetched with the header and saved from memory.
 */
export const needsBearer = () => !!client.http.opts.token;

export async function downloadWithToken(url: string, filename: string) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${client.http.opts.token}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
