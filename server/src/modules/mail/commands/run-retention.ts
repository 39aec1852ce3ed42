import type { Deps } from '../../../deps.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { roleFolders } from '../folders-store.ts';
import { refreshSearch } from '../files-store.ts';
import { insertEntries, insertMessage, settleAwaiting } from '../store.ts';

const note = {
  en: { subject: (s: string) => `Expired unread: ${s}`, body: (s: string, who: string) => `Your message “${s}” expired unread by: ${who}.` },
  ru: { subject: (s: string) => `Не прочитано и удалено: ${s}`, body: (s: string, who: string) => `Ваше сообщение «${s}» не было прочитано и удалено у получателей: ${who}.` },
  pl: { subject: (s: string) => `Wygasło nieprzeczytane: ${s}`, body: (s: string, who: string) => `Twoja wiadomość „${s}” wygasła nieprzeczytana u: ${who}.` },
} as const;
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Retention, run periodically (and safe in every process): unread mail older than
 * MAIL_UNREAD_EXPIRE_DAYS leaves the recipient's mailbox and its sender gets a note naming who
 * never read it; Trash older than MAIL_TRASH_PURGE_DAYS is deleted. People on legal hold keep all.
 */
export async function runMailRetention(deps: Pick<Deps, 'db' | 'bus' | 'config'>, now: Date) {
  const expireBefore = new Date(now.getTime() - deps.config.mailUnreadExpireDays * 86400_000);
  const purgeBefore = new Date(now.getTime() - deps.config.mailTrashPurgeDays * 86400_000);
  return deps.db.tx(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(727010)');
    const { rows } = await tx.query<{ message_id: string; user_id: string; role: string; delivered_at: Date; name: string }>(
      `with gone as (
         delete from mail_entries e
          where e.role in ('to', 'cc', 'bcc') and not e.seen and e.read_at is null and e.delivered_at < $1
            and not exists (select 1 from mail_holds h where h.user_id = e.user_id)
          returning e.message_id, e.user_id, e.role, e.delivered_at)
       insert into mail_expired (message_id, user_id, role, delivered_at, expired_at)
       select message_id, user_id, role, delivered_at, $2 from gone on conflict do nothing
       returning message_id, user_id, role, delivered_at, (select name from users where id = user_id) as name`,
      [expireBefore, now],
    );
    const byMessage = new Map<string, string[]>();
    for (const r of rows) byMessage.set(r.message_id, [...(byMessage.get(r.message_id) ?? []), r.name]);
    for (const [messageId, names] of byMessage) {
      // an expired delivery will never be read: the sender stops waiting for it
      await settleAwaiting(tx, messageId, names.length);
      await noteToSender(deps, tx, messageId, names.sort(), now);
    }
    const purged = await tx.query(
      `delete from mail_entries e using mail_folders f
        where f.id = e.folder_id and f.role = 'trash' and e.trashed_at < $1
          and not exists (select 1 from mail_holds h where h.user_id = e.user_id)`,
      [purgeBefore],
    );
    await tx.query(`delete from mail_uploads where created_at < $1`, [new Date(now.getTime() - 86400_000)]);
    return { expired: rows.length, purged: purged.rowCount };
  });
}

async function noteToSender(deps: Pick<Deps, 'bus'>, tx: Tx, messageId: string, names: string[], now: Date) {
  const { rows } = await tx.query<{ org_id: string; sender_id: string | null; subject: string; language: 'en' | 'ru' | 'pl'; name: string; email: string; thread_id: string }>(
    `select m.org_id, m.sender_id, m.subject, u.language, u.name, u.email, m.thread_id from mail_messages m join users u on u.id = m.sender_id where m.id = $1`,
    [messageId],
  );
  const m = rows[0];
  if (!m?.sender_id) return;
  const t = note[m.language] ?? note.en;
  const text = t.body(m.subject, names.join(', '));
  const id = await insertMessage(tx, {
    orgId: m.org_id, senderId: null, threadId: m.thread_id, inReplyTo: messageId, draft: false,
    subject: t.subject(m.subject), html: `<p>${escape(text)}</p>`, text, importance: 'normal',
    to: [{ kind: 'user', id: m.sender_id, name: m.name, email: m.email }], cc: [], bcc: [], expansion: [],
  });
  const inbox = (await roleFolders(tx, [m.sender_id], 'inbox')).get(m.sender_id)!;
  await insertEntries(tx, id, [{ userId: m.sender_id, folderId: inbox, role: 'to', seen: false }], now);
  await refreshSearch(tx, id);
  await deps.bus.emit(tx, {
    orgId: m.org_id, type: 'mail.received',
    payload: { messageId: id, subject: t.subject(m.subject), importance: 'normal', sender: { id: 'system', name: 'Mailroom' } },
    userIds: [m.sender_id],
  });
}
