import { randomUUID } from 'node:crypto';
import type { Deps } from '../../../deps.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import { refreshSearch, replaceAttachments } from '../files-store.ts';
import type { ParsedMail } from '../mime.ts';
import { insertEntries } from '../store.ts';

export interface ExternalMail {
  orgId: string;
  accountId: string;
  userId: string;
  folderId: string;
  rawSha256: string;
  parsed: ParsedMail;
  seen: boolean;
  flagged: boolean;
  deliveredAt: Date;
  /** The search document made ahead (`buildSearchDocs`); made in the transaction otherwise. */
  searchDoc?: string;
}

const party = (a: { name: string; email: string }) => ({ kind: 'external' as const, id: a.email, name: a.name || a.email, email: a.email });

/**
 * Stores a message that came from outside (an account's server, later inbound SMTP) into one
 * person's folder, in the caller's transaction: the message once, its files in the blob store,
 * the person's entry, and the search document. Returns the new entry's id.
 */
export async function storeExternal(deps: Pick<Deps, 'blobs'>, tx: Queryable, m: ExternalMail) {
  const p = m.parsed;
  // the message starts its own thread; its id is made here so one insert sets both
  const messageId = randomUUID();
  await tx.query(
    `insert into mail_messages (id, org_id, thread_id, sender_id, account_id, from_name, from_address, subject, body_html, body_text, to_list, cc_list,
                                raw_sha256, header_message_id, parse_problem, sent_at, created_at)
     values ($1, $2, $1, null, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())`,
    [messageId, m.orgId, m.accountId, p.from?.name || null, p.from?.email ?? null, p.subject, p.html, p.text, JSON.stringify(p.to.map(party)), JSON.stringify(p.cc.map(party)),
      m.rawSha256, p.messageIdHeader, p.problem, p.date ?? m.deliveredAt],
  );
  if (p.attachments.length) {
    const files = [];
    for (const a of p.attachments) {
      const ref = a.sha256 ? { sha256: a.sha256, size: a.content.length } : await deps.blobs.put(a.content);
      files.push({ id: '', sha256: ref.sha256, size: ref.size, filename: a.filename, content_type: a.contentType });
    }
    await replaceAttachments(tx, messageId, files);
  }
  const [entry] = await insertEntries(tx, messageId, [{ userId: m.userId, folderId: m.folderId, role: 'copy', seen: m.seen }], m.deliveredAt);
  if (m.flagged) await tx.query('update mail_entries set flagged = true where id = $1', [entry.id]);
  await refreshSearch(tx, messageId, m.searchDoc);
  return { entryId: entry.id, messageId };
}
