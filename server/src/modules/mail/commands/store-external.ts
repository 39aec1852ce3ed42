import { randomUUID } from 'node:crypto';
import type { Deps } from '../../../deps.ts';
import type { PackRef } from '../../../platform/blobs/index.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import { refreshSearch } from '../files-store.ts';
import type { ParsedMail } from '../mime.ts';
import { valuesList } from '../values-list.ts';

export interface ExternalMail {
  orgId: string;
  accountId: string;
  userId: string;
  folderId: string;
  rawSha256: string;
  /** Where the original lies in a pack of the blob store; absent: it is in the blob store under rawSha256. */
  rawPack?: PackRef;
  parsed: ParsedMail;
  seen: boolean;
  flagged: boolean;
  deliveredAt: Date;
  /** The search document made ahead (`buildSearchDocs`: a literal, or the binary form on PostgreSQL); made in the transaction otherwise. */
  searchDoc?: string | Buffer;
}

const party = (a: { name: string; email: string }) => ({ kind: 'external' as const, id: a.email, name: a.name || a.email, email: a.email });

/**
 * Stores a message that came from outside (an account's server, later inbound SMTP) into one
 * person's folder, in the caller's transaction: the message once (its original is in the blob
 * store already, in a pack or under rawSha256), its files in the blob store,
 * the person's entry, and the search document. Returns the new entry's id.
 */
export async function storeExternal(deps: Pick<Deps, 'blobs' | 'db'>, tx: Queryable, m: ExternalMail) {
  const [stored] = await storeExternalMany(deps, tx, [m]);
  return stored;
}

/** Rows per statement: PostgreSQL takes at most 65,535 parameters in one. */
const ROWS_PER_STATEMENT = 1000;

/**
 * Merges the pending entries of the outside-mail search index into it (GIN keeps new entries in a
 * list, up to 16 MB, that every search reads through). Called when a synchronisation pass that
 * took mail ends: one large merge instead of many small ones during the load.
 */
export async function flushOutsideSearch(q: Queryable) {
  await q.query(`select gin_clean_pending_list('mail_search_outside_gin'::regclass)`);
}

/**
 * `storeExternal` for many messages in one transaction (a synchronisation batch), with a few
 * statements for all of them instead of several per message: the messages, their files, their
 * entries and their search documents each in one insert. Returns the entries in the given order.
 */
export async function storeExternalMany(deps: Pick<Deps, 'blobs' | 'db'>, tx: Queryable, mails: ExternalMail[]) {
  const out: { entryId: string; messageId: string }[] = [];
  for (let i = 0; i < mails.length; i += ROWS_PER_STATEMENT) out.push(...(await storeSome(deps, tx, mails.slice(i, i + ROWS_PER_STATEMENT))));
  return out;
}

async function storeSome(deps: Pick<Deps, 'blobs' | 'db'>, tx: Queryable, mails: ExternalMail[]) {
  if (!mails.length) return [];
  // each message starts its own thread; its id is made here so one insert sets both
  const ids = mails.map(() => randomUUID());
  const files: { message: string; sha256: string; size: number; filename: string; contentType: string; position: number }[] = [];
  for (let i = 0; i < mails.length; i++) {
    const attachments = mails[i].parsed.attachments;
    for (let n = 0; n < attachments.length; n++) {
      const a = attachments[n];
      const sha256 = a.sha256 ?? (await deps.blobs.put(a.content)).sha256;
      files.push({ message: ids[i], sha256, size: a.content.length, filename: a.filename, contentType: a.contentType, position: n });
    }
  }
  // the large texts go as parameters of a VALUES list, not inside array literals to be escaped and parsed
  const messages = valuesList(
    mails.map((m, i) => {
      const p = m.parsed;
      return [ids[i], m.orgId, m.accountId, p.from?.name || null, p.from?.email ?? null, p.subject, p.html, p.text, JSON.stringify(p.to.map(party)),
        JSON.stringify(p.cc.map(party)), m.rawSha256, m.rawPack?.pack ?? null, m.rawPack?.offset ?? null, m.rawPack?.size ?? null, p.messageIdHeader, p.problem,
        p.date ?? m.deliveredAt, p.attachments.length > 0];
    }),
    ['uuid', 'uuid', 'uuid', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'jsonb', 'text', 'uuid', 'bigint', 'int', 'text', 'text', 'timestamptz', 'boolean'],
  );
  // the statements go out one after another without waiting for each answer: none needs another's
  // result (the message ids are made here), and on PGlite, a thread away, every wait for an answer
  // is a turn of this event loop, which may be busy parsing the next batch
  const statements: Promise<unknown>[] = [];
  statements.push(tx.query(
    `insert into mail_messages (id, org_id, thread_id, sender_id, account_id, from_name, from_address, subject, body_html, body_text, to_list, cc_list,
                                raw_sha256, raw_pack, raw_offset, raw_size, header_message_id, parse_problem, sent_at, has_attachments, created_at)
     select id, org, id, null, account, from_name, from_address, subject, html, text, to_list, cc_list, sha, pack, at, size, mid, problem, sent, files, now()
       from (${messages.sql}) as t(id, org, account, from_name, from_address, subject, html, text, to_list, cc_list, sha, pack, at, size, mid, problem, sent, files)`,
    messages.params,
  ));
  if (files.length)
    statements.push(tx.query(
      `insert into mail_attachments (message_id, sha256, size, filename, content_type, position)
       select m, s, z, f, c, p from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[]) as t(m, s, z, f, c, p)`,
      [files.map((f) => f.message), files.map((f) => f.sha256), files.map((f) => f.size), files.map((f) => f.filename), files.map((f) => f.contentType), files.map((f) => f.position)],
    ));
  const entries = tx.query<{ id: string; message_id: string }>(
    `insert into mail_entries (user_id, message_id, folder_id, role, seen, flagged, delivered_at)
     select u, m, f, 'copy', s, g, d from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::boolean[], $5::boolean[], $6::timestamptz[]) as t(u, m, f, s, g, d)
     returning id::text, message_id::text`,
    [mails.map((m) => m.userId), ids, mails.map((m) => m.folderId), mails.map((m) => m.seen), mails.map((m) => m.flagged), mails.map((m) => m.deliveredAt)],
  );
  statements.push(entries);
  // documents made ahead go in together (one entry each: its owner and its delivery are known);
  // the others are made by PostgreSQL from the stored message
  const made = mails.flatMap((m, i) => (m.searchDoc === undefined ? [] : [[ids[i], m.searchDoc, m.userId, m.deliveredAt]]));
  if (made.length) {
    const docs = valuesList(made, ['uuid', 'tsvector', 'uuid', 'timestamptz']);
    statements.push(tx.query(
      `insert into mail_search (message_id, search, owners, at, outside)
       select id, doc, array[mail_owner_key(owner)], at, true from (${docs.sql}) as t(id, doc, owner, at)
       on conflict (message_id) do update set search = excluded.search, owners = excluded.owners, at = excluded.at`,
      docs.params,
    ));
  }
  await Promise.all(statements);
  const entryOf = new Map((await entries).rows.map((r) => [r.message_id, r.id]));
  for (let i = 0; i < mails.length; i++) if (mails[i].searchDoc === undefined) await refreshSearch(tx, ids[i]);
  return ids.map((messageId) => ({ entryId: entryOf.get(messageId)!, messageId }));
}
