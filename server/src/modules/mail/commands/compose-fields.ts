import type { Compose } from '@mailroom/contract';
import type { Tx } from '../../../platform/db/index.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessEntry } from '../access.ts';
import { expandRecipients } from '../expand.ts';
import { attachmentsReachable, uploadsOf, type FileRow } from '../files-store.ts';
import { plainText, sanitizeMailHtml } from '../html.ts';

/** What a compose form becomes: safe HTML, its text, expanded recipients, and the thread it joins. */
export async function composeFields(tx: Tx, actor: UserActor, input: Compose) {
  const expanded = await expandRecipients(tx, actor.orgId, { to: input.to, cc: input.cc, bcc: input.bcc });
  const html = sanitizeMailHtml(input.html);
  let threadId: string | null = null;
  let inReplyTo: string | null = null;
  if (input.inReplyTo) {
    // one may only answer a message one has
    const { rows } = await tx.query<{ id: string }>('select id::text from mail_entries where user_id = $1 and message_id = $2 limit 1', [actor.userId, input.inReplyTo]);
    if (!rows[0]) throw invalid('inReplyTo', 'No such message');
    const original = await accessEntry(tx, actor, rows[0].id);
    threadId = original.thread_id;
    inReplyTo = input.inReplyTo;
  }
  const files = await resolveAttachments(tx, actor, input.attachments);
  return {
    files,
    expanded,
    threadId,
    inReplyTo,
    fields: {
      subject: input.subject, html, text: plainText(html, input.text), importance: input.importance,
      to: expanded.parties.to, cc: expanded.parties.cc, bcc: expanded.parties.bcc, expansion: expanded.expansion,
    },
  };
}

/** Files named by upload (one's own) or by attachment (of a message one has); anything else is a bad field. */
async function resolveAttachments(tx: Tx, actor: UserActor, refs: Compose['attachments']): Promise<FileRow[]> {
  const uploadIds = refs.flatMap((r) => ('uploadId' in r ? [r.uploadId] : []));
  const attachmentIds = refs.flatMap((r) => ('attachmentId' in r ? [r.attachmentId] : []));
  const found = new Map<string, FileRow>();
  for (const f of await uploadsOf(tx, actor.userId, uploadIds)) found.set(f.id, f);
  for (const f of await attachmentsReachable(tx, actor.userId, attachmentIds)) found.set(f.id, f);
  return refs.map((r, i) => {
    const f = found.get('uploadId' in r ? r.uploadId : r.attachmentId);
    if (!f) throw invalid(`attachments.${i}`, 'No such file');
    return f;
  });
}
