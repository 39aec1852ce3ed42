import type { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { classify } from '../deliver.ts';
import { loadSettings, transportOptions } from '../settings.ts';
import { systemAuth } from '../system-auth.ts';

const TEXT = {
  en: { subject: 'Mailroom test message', body: 'This is a test message from the system account. If you read this, sending works.' },
  ru: { subject: 'Тестовое сообщение Mailroom', body: 'Это тестовое сообщение системной учётной записи. Если вы его читаете, отправка работает.' },
  pl: { subject: 'Wiadomość testowa Mailroom', body: 'To jest wiadomość testowa z konta systemowego. Jeśli ją czytasz, wysyłanie działa.' },
};

/**
 * "Send test message": straight to the system account's server (not through the queue), with a
 * file if given, so the administrator sees the server's own answer at once. Works with sending
 * switched off, to check the settings before switching it on.
 */
export async function sendTestMessage(deps: Pick<Deps, 'db' | 'blobs' | 'sealer' | 'mailCa' | 'config' | 'fetch'>, actor: UserActor, to: string, uploadId?: string) {
  const s = await loadSettings(deps.db, actor.orgId);
  if (!s.host || !s.from_address) return { ok: false, response: null, problem: 'NOT_CONFIGURED' as const, detail: 'Save the server and the from address first' };
  let attachments: { filename: string; contentType: string; content: Readable }[] = [];
  if (uploadId) {
    const { rows } = await deps.db.query<{ sha256: string; filename: string; content_type: string }>('select sha256, filename, content_type from mail_uploads where id = $1 and user_id = $2', [uploadId, actor.userId]);
    if (!rows[0]) throw invalid('uploadId', 'Upload the file again: this upload is gone or not yours');
    attachments = [{ filename: rows[0].filename, contentType: rows[0].content_type, content: deps.blobs.read(rows[0].sha256) }];
  }
  const { rows: me } = await deps.db.query<{ language: keyof typeof TEXT }>('select language from users where id = $1', [actor.userId]);
  const t = TEXT[me[0]?.language] ?? TEXT.en;
  let token: string | undefined;
  try {
    const auth = await systemAuth(deps, s);
    token = auth && 'accessToken' in auth ? auth.accessToken : undefined;
  } catch (err) {
    return { ok: false, response: null, problem: 'AUTH_FAILED' as const, detail: (err as Error).message };
  }
  const transport = nodemailer.createTransport(transportOptions(deps, s, token));
  try {
    const info = await transport.sendMail({
      from: { name: s.display_name, address: s.from_address }, replyTo: s.reply_to ?? undefined, to, subject: t.subject, text: t.body, attachments,
    });
    return { ok: true, response: String((info as { response?: string }).response ?? ''), problem: null, detail: null };
  } catch (err) {
    const out = classify(err as Error, false);
    return { ok: false, response: (err as { response?: string }).response ?? null, problem: out.kind === 'sent' ? null : out.problem, detail: out.kind === 'sent' ? null : out.detail };
  } finally {
    transport.close();
  }
}
