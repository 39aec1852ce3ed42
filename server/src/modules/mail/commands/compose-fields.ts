import type { Compose } from '@mailroom/contract';
import type { Tx } from '../../../platform/db/index.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessEntry } from '../access.ts';
import { expandRecipients } from '../expand.ts';
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
  return {
    expanded,
    threadId,
    inReplyTo,
    fields: {
      subject: input.subject, html, text: plainText(html, input.text), importance: input.importance,
      to: expanded.parties.to, cc: expanded.parties.cc, bcc: expanded.parties.bcc, expansion: expanded.expansion,
    },
  };
}
