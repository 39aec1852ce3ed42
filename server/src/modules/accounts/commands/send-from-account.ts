import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Compose } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { withImap } from '../../../protocols/imap-client/open.ts';
import { serverFailure } from '../../../protocols/problems.ts';
import { smtpTransport } from '../../../protocols/smtp-client/transport.ts';
import { composeFields, parseMime, roleFolder, storeExternal } from '../../mail/index.ts';
import { accessAccount } from '../access.ts';
import { incomingOptions, smtpOptions } from '../credentials.ts';
import type { AccountRow } from '../store.ts';

type SendDeps = Pick<Deps, 'db' | 'blobs' | 'bus' | 'config' | 'sealer' | 'mailCa' | 'log' | 'fetch'>;
interface Built { raw: Buffer; envelope: { from: string; to: string[] } }

/**
 * Sends a message from one of the person's outside accounts over its SMTP server, then appends
 * the same bytes to the server's Sent folder (IMAP) and keeps the copy in the person's mailbox:
 * in the account's mirrored Sent (linked to the appended UID, so a later pass does not take it
 * twice) or, for POP3 and light mode, in their own Sent. A refusal by the SMTP server is
 * MAIL_SERVER_FAILED with the problem; once the server took the message, a failed Sent copy
 * is logged and does not fail the send.
 */
export async function sendFromAccount(deps: SendDeps, actor: UserActor, input: Compose & { accountId: string }) {
  const account = await accessAccount(deps.db, actor, input.accountId);
  const built = await deps.db.tx((tx) => buildMessage(deps, tx, actor, account, input));
  const transport = smtpTransport(await smtpOptions(deps, account));
  try {
    await transport.sendMail({ envelope: built.envelope, raw: built.raw });
  } catch (err) {
    throw serverFailure(err, account.smtp_security);
  } finally {
    transport.close();
  }
  const appended = await appendToSent(deps, account, built.raw).catch((err) => {
    deps.log.warn({ err, accountId: account.id }, 'sent copy not appended on the server');
    return null;
  });
  const parsed = await parseMime(built.raw);
  const ref = await deps.blobs.put(built.raw);
  return deps.db.tx(async (tx) => {
    const mirrored = appended
      ? (await tx.query<{ folder_id: string }>(
          'select r.folder_id from mail_remote_folders r join mail_folders f on f.id = r.folder_id where r.account_id = $1 and r.path = $2 and f.user_id = $3',
          [account.id, appended.path, actor.userId],
        )).rows[0]
      : undefined;
    const folderId = mirrored?.folder_id ?? (await roleFolder(tx, actor.userId, 'sent'));
    await tx.query(`set local mailroom.sync = 'on'`);
    let { entryId, messageId } = await storeExternal(deps, tx, {
      orgId: account.org_id, accountId: account.id, userId: actor.userId, folderId, rawSha256: ref.sha256, parsed, seen: true, flagged: false, deliveredAt: new Date(),
    });
    if (mirrored && appended?.uid) {
      const linked = await tx.query(
        `insert into mail_remote_messages (entry_id, account_id, folder_id, uid, seen, flagged, header_id) values ($1, $2, $3, $4, true, false, $5)
         on conflict do nothing`,
        [entryId, account.id, mirrored.folder_id, appended.uid, parsed.messageIdHeader],
      );
      if (!linked.rowCount) {
        // a pass running meanwhile took the appended copy already: keep that one
        await tx.query('delete from mail_messages where id = $1', [messageId]);
        entryId = (await tx.query<{ id: string }>('select entry_id::text as id from mail_remote_messages where folder_id = $1 and uid = $2', [mirrored.folder_id, appended.uid])).rows[0].id;
      }
    }
    if (input.draftId) await tx.query('delete from mail_messages where id = (select message_id from mail_entries where id = $1 and user_id = $2) and is_draft', [input.draftId, actor.userId]);
    await deps.bus.emit(tx, { orgId: account.org_id, type: 'mail.changed', payload: { folderIds: [folderId] }, userIds: [actor.userId] });
    return entryId;
  });
}

/** The MIME message (with its files from the blob store) and the SMTP envelope; bcc stays out of the headers. */
async function buildMessage(deps: SendDeps, tx: Parameters<typeof composeFields>[0], actor: UserActor, account: AccountRow, input: Compose) {
  const c = await composeFields(tx, actor, input);
  const people = [...c.expanded.people.entries()];
  const emails = new Map<string, string>();
  if (people.length) {
    const { rows } = await tx.query<{ id: string; email: string | null }>('select id, email from users where id = any($1::uuid[])', [people.map(([id]) => id)]);
    for (const r of rows) if (r.email) emails.set(r.id, r.email);
  }
  const byRole = (role: 'to' | 'cc' | 'bcc', extra: string[] = []) => [
    ...people.filter(([id, p]) => p.role === role && emails.has(id)).map(([id]) => emails.get(id)!),
    ...extra.map((a) => a.toLowerCase()),
  ];
  const to = byRole('to', input.toAddresses);
  const cc = byRole('cc', input.ccAddresses);
  const bcc = byRole('bcc', input.bccAddresses);
  if (!to.length && !cc.length && !bcc.length) throw invalid('toAddresses', 'Name at least one recipient with an e-mail address');
  const sender = (await tx.query<{ name: string }>('select name from users where id = $1', [actor.userId])).rows[0];
  const answered = c.inReplyTo
    ? (await tx.query<{ h: string | null }>('select header_message_id as h from mail_messages where id = $1', [c.inReplyTo])).rows[0]?.h ?? null
    : null;
  const domain = account.email.split('@')[1] ?? 'mailroom.invalid';
  const mail = new MailComposer({
    from: { name: account.display_name || sender?.name || account.email, address: account.email },
    to, cc, bcc,
    subject: c.fields.subject,
    html: c.fields.html || undefined,
    text: c.fields.text,
    messageId: `<${randomUUID()}@${domain}>`,
    inReplyTo: answered ?? undefined,
    references: answered ?? undefined,
    headers: c.fields.importance === 'high' ? { Importance: 'high', 'X-Priority': '1' } : {},
    attachments: c.files.map((f) => ({ filename: f.filename, contentType: f.content_type, content: deps.blobs.read(f.sha256) })),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const raw = await mail.compile().build();
  return { raw, envelope: { from: account.email, to: [...new Set([...to, ...cc, ...bcc])] } } satisfies Built;
}

/** Appends to the server's Sent folder (\Sent special use, else one named Sent); POP3 has none. */
async function appendToSent(deps: SendDeps, account: AccountRow, raw: Buffer) {
  if (account.protocol !== 'imap') return null;
  return withImap(await incomingOptions(deps, account), async (client) => {
    const list = await client.list();
    const sent = list.find((f) => f.specialUse === '\\Sent') ?? list.find((f) => /^(sent|sent items|sent messages|отправленные|wysłane)$/i.test(f.name));
    if (!sent) return null;
    const r = await client.append(sent.path, raw, ['\\Seen']);
    return { path: sent.path, uid: r && typeof r === 'object' ? (r.uid ?? null) : null };
  });
}
