import type { Compose } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessEntry } from '../access.ts';
import { roleFolder, roleFolders } from '../folders-store.ts';
import { refreshSearch, replaceAttachments } from '../files-store.ts';
import { entryById, insertEntries, insertMessage, updateMessage } from '../store.ts';
import { composeFields } from './compose-fields.ts';
import { enqueueMail } from '../../outbox/index.ts';

const external = (emails: string[] | undefined) => (emails ?? []).map((email) => ({ kind: 'external' as const, id: email, name: email, email }));

/**
 * Sends internal mail: groups and departments are expanded now (and the expansion kept), the
 * message is stored once, and each recipient gets an Inbox entry; the sender's copy goes to Sent.
 * Outside addresses (toAddresses, ccAddresses, bccAddresses) are put in the outgoing queue in the
 * same transaction, to go out through the organisation's system account.
 */
export async function sendMessage(deps: Pick<Deps, 'db' | 'bus' | 'config'>, actor: UserActor, input: Compose) {
  return deps.db.tx(async (tx) => {
    const draft = input.draftId ? await accessEntry(tx, actor, input.draftId) : null;
    if (draft && !draft.is_draft) throw invalid('draftId', 'This message was already sent');
    const c = await composeFields(tx, actor, input);
    const outside = [...(input.toAddresses ?? []), ...(input.ccAddresses ?? []), ...(input.bccAddresses ?? [])];
    if (!c.expanded.people.size && !outside.length) throw invalid('to', 'Name at least one recipient who can receive mail');
    c.fields.to = [...c.fields.to, ...external(input.toAddresses)];
    c.fields.cc = [...c.fields.cc, ...external(input.ccAddresses)];
    c.fields.bcc = [...c.fields.bcc, ...external(input.bccAddresses)];
    const sent = await roleFolder(tx, actor.userId, 'sent');
    let messageId: string;
    let senderEntry: string;
    if (draft) {
      messageId = draft.message_id;
      await updateMessage(tx, messageId, { ...c.fields, threadId: c.threadId, inReplyTo: c.inReplyTo, draft: false });
      await tx.query('update mail_entries set folder_id = $2, delivered_at = now() where id = $1', [draft.id, sent]);
      senderEntry = draft.id;
    } else {
      messageId = await insertMessage(tx, { ...c.fields, orgId: actor.orgId, senderId: actor.userId, threadId: c.threadId, inReplyTo: c.inReplyTo, draft: false });
      senderEntry = (await insertEntries(tx, messageId, [{ userId: actor.userId, folderId: sent, role: 'sender', seen: true }]))[0].id;
    }
    await replaceAttachments(tx, messageId, c.files);
    const recipients = [...c.expanded.people.keys()];
    await tx.query('update mail_entries set awaiting = $2 where id = $1', [senderEntry, recipients.length]);
    const inboxes = await roleFolders(tx, recipients, 'inbox');
    await insertEntries(
      tx,
      messageId,
      recipients.map((u) => ({ userId: u, folderId: inboxes.get(u)!, role: c.expanded.people.get(u)!.role, seen: false })),
    );
    await refreshSearch(tx, messageId);
    const sender = (await tx.query<{ name: string }>('select name from users where id = $1', [actor.userId])).rows[0];
    if (outside.length)
      await enqueueMail(deps, tx, {
        orgId: actor.orgId, senderId: actor.userId, fromName: sender.name, to: input.toAddresses ?? [], cc: input.ccAddresses, bcc: input.bccAddresses,
        subject: c.fields.subject, text: c.fields.text, html: c.fields.html,
        attachments: c.files.map((f) => ({ sha256: f.sha256, filename: f.filename, contentType: f.content_type, size: Number(f.size) })),
      });
    await deps.bus.emit(tx, {
      orgId: actor.orgId,
      type: 'mail.received',
      payload: { messageId, subject: c.fields.subject, importance: c.fields.importance, sender: { id: actor.userId, name: sender.name } },
      userIds: recipients,
    });
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds: [sent] }, userIds: [actor.userId] });
    return (await entryById(tx, senderEntry))!;
  });
}
