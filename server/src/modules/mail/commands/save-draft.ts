import type { Compose } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessEntry } from '../access.ts';
import { roleFolder } from '../folders-store.ts';
import { refreshSearch, replaceAttachments } from '../files-store.ts';
import { entryById, insertEntries, insertMessage, updateMessage } from '../store.ts';
import { composeFields } from './compose-fields.ts';

/** Saves a draft (new, or over the draft `draftId`); nobody else sees it until it is sent. */
export async function saveDraft(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, input: Compose) {
  return deps.db.tx(async (tx) => {
    const c = await composeFields(tx, actor, input);
    const fields = { ...c.fields, threadId: c.threadId, inReplyTo: c.inReplyTo, draft: true };
    let entryId: string;
    if (input.draftId) {
      const draft = await accessEntry(tx, actor, input.draftId);
      if (!draft.is_draft) throw invalid('draftId', 'This message was already sent');
      await updateMessage(tx, draft.message_id, fields);
      entryId = draft.id;
    } else {
      const drafts = await roleFolder(tx, actor.userId, 'drafts');
      const id = await insertMessage(tx, { ...fields, orgId: actor.orgId, senderId: actor.userId });
      entryId = (await insertEntries(tx, id, [{ userId: actor.userId, folderId: drafts, role: 'sender', seen: true }]))[0].id;
    }
    const entry = (await entryById(tx, entryId))!;
    await replaceAttachments(tx, entry.message_id, c.files);
    await refreshSearch(tx, entry.message_id);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds: [entry.folder_id] }, userIds: [actor.userId] });
    return entry;
  });
}
