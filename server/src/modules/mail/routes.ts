import { z } from 'zod';
import type { Readable } from 'node:stream';
import {
  Compose, CreateFolder, MailSearchQuery, MailSettings, RecipientQuery, RecipientSuggestions, UpdateMailSettings, Upload, UploadQuery, DeliveryList, EntryId, EntryIds, Id, MailFolder, MailFolderList, MailListQuery, MailMessage, MailPage, MoveEntries, Ok,
  UpdateEntry, UpdateFolder, AllowRemoteImages, MailLinkList, ObjectRef,
} from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';
import { copyEntries } from './commands/copy-entries.ts';
import { createFolder } from './commands/create-folder.ts';
import { deleteEntries } from './commands/delete-entries.ts';
import { deleteFolder } from './commands/delete-folder.ts';
import { emptyTrash } from './commands/empty-trash.ts';
import { moveEntries } from './commands/move-entries.ts';
import { saveDraft } from './commands/save-draft.ts';
import { sendMessage } from './commands/send-message.ts';
import { updateEntry } from './commands/update-entry.ts';
import { allowImages } from './commands/allow-images.ts';
import { linkObject, linksOf, unlinkObject } from './commands/link-object.ts';
import { updateFolder } from './commands/update-folder.ts';
import { AppError, invalid, notFound } from '../../platform/errors/index.ts';
import { accessEntry } from './access.ts';
import { holdOf, setHold } from './commands/set-hold.ts';
import { uploadFile } from './commands/upload-file.ts';
import { attachmentOfMessage } from './files-store.ts';
import { readOriginal } from './originals.ts';
import { presentNewFolder } from './present.ts';
import { deliveries, fullMessage, getMessage, getThread, listEntries, listFolders } from './queries.ts';
import { suggestRecipients } from './recipients.ts';
import { searchMail } from './search.ts';
import { mailSettings, setMailPoll } from './settings.ts';

const tag = 'mail';
const FolderParams = z.object({ id: Id });
const EntryParams = z.object({ id: EntryId });
const me = (a: unknown) => a as UserActor;
const example = { to: [{ kind: 'user', id: '00000000-0000-4000-8000-000000000000' }], subject: 'Contract 17', html: '<p>Please review.</p>', importance: 'normal' };

/** Internal mail: every route is a person's own mailbox (person class); foreign ids are NOT_FOUND. */
/** Sending through an outside account lives in the accounts module; the app passes it in (no import cycle). */
export interface MailRouteOptions {
  sendFromAccount?: (actor: UserActor, input: Compose & { accountId: string }) => Promise<string>;
}

export function mailRoutes(deps: Deps, opts: MailRouteOptions = {}): RouteDef[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/mail/folders', access: 'person', tag, summary: 'My folders with unread counts', response: MailFolderList,
      handler: ({ actor }) => listFolders(deps.db, me(actor)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/folders', access: 'person', tag, summary: 'Create a folder', status: 201, body: CreateFolder, response: MailFolder,
      example: { name: 'Contracts' },
      handler: async ({ actor, body }) => presentNewFolder(await createFolder(deps, me(actor), body)),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/mail/folders/:id', access: 'person', tag, summary: 'Rename or move a folder', params: FolderParams, body: UpdateFolder,
      response: MailFolder, example: { name: 'Signed contracts' },
      handler: async ({ actor, params, body }) => presentNewFolder(await updateFolder(deps, me(actor), params.id, body)),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/mail/folders/:id', access: 'person', tag, summary: 'Delete a folder (its mail goes to Trash)', params: FolderParams, response: Ok,
      handler: async ({ actor, params }) => (await deleteFolder(deps, me(actor), params.id), { ok: true }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/folders/:id/messages', access: 'person', tag, summary: 'A page of a folder, newest first', params: FolderParams,
      query: MailListQuery, response: MailPage,
      handler: ({ actor, params, query }) => listEntries(deps.db, me(actor), params.id, query),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/messages', access: 'person', tag, summary: 'Send a message (or a draft, with draftId)', status: 201, body: Compose,
      response: MailMessage, example,
      handler: async ({ actor, body }) => {
        if (body.accountId) {
          if (!opts.sendFromAccount) throw invalid('accountId', 'Sending through outside accounts is not available on this server');
          return getMessage(deps.db, me(actor), await opts.sendFromAccount(me(actor), { ...body, accountId: body.accountId }));
        }
        return fullMessage(deps.db, await sendMessage(deps, me(actor), body));
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/drafts', access: 'person', tag, summary: 'Save a draft (a new one, or over draftId)', body: Compose, response: MailMessage,
      example: { subject: 'Unfinished', html: '<p>…</p>' },
      handler: async ({ actor, body }) => fullMessage(deps.db, await saveDraft(deps, me(actor), body)),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/entries/:id', access: 'person', tag, summary: 'One message in my mailbox', params: EntryParams, response: MailMessage,
      handler: ({ actor, params }) => getMessage(deps.db, me(actor), params.id),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/mail/entries/:id', access: 'person', tag, summary: 'Mark read/unread or flag', params: EntryParams, body: UpdateEntry,
      response: MailMessage, example: { seen: true },
      handler: async ({ actor, params, body }) => fullMessage(deps.db, await updateEntry(deps, me(actor), params.id, body)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/entries/:id/remote-images', access: 'person', tag, summary: 'Show remote images of this outside message, or always from its sender',
      params: EntryParams, body: AllowRemoteImages, response: MailMessage, example: { scope: 'message' },
      handler: async ({ actor, params, body }) => fullMessage(deps.db, await allowImages(deps, me(actor), params.id, body.scope)),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/entries/:id/links', access: 'person', tag, summary: 'The business objects this message is tied to (those I may see)',
      params: EntryParams, response: MailLinkList,
      handler: ({ actor, params }) => linksOf(deps, me(actor), params.id),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/entries/:id/links', access: 'person', tag, summary: 'Tie this message to a business object I may see',
      params: EntryParams, body: ObjectRef.strict(), response: MailLinkList, example: { type: 'contract', id: '17' },
      handler: ({ actor, params, body }) => linkObject(deps, me(actor), params.id, body),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/entries/:id/links/remove', access: 'person', tag, summary: 'Untie this message from a business object',
      params: EntryParams, body: ObjectRef.strict(), response: MailLinkList, example: { type: 'contract', id: '17' },
      handler: ({ actor, params, body }) => unlinkObject(deps, me(actor), params.id, body),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/entries/:id/thread', access: 'person', tag, summary: 'The conversation this message belongs to', params: EntryParams,
      response: z.object({ items: z.array(MailMessage) }),
      handler: ({ actor, params }) => getThread(deps.db, me(actor), params.id),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/entries/:id/deliveries', access: 'person', tag, summary: 'Delivered and read per recipient (sender only)',
      params: EntryParams, response: DeliveryList,
      handler: ({ actor, params }) => deliveries(deps.db, me(actor), params.id),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/entries/move', access: 'person', tag, summary: 'Move messages to a folder', body: MoveEntries, response: Ok,
      example: { entryIds: ['1'], folderId: '00000000-0000-4000-8000-000000000000' },
      handler: async ({ actor, body }) => (await moveEntries(deps, me(actor), body.entryIds, body.folderId), { ok: true }),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/entries/copy', access: 'person', tag, summary: 'Copy messages to a folder', body: MoveEntries,
      response: z.object({ entryIds: z.array(EntryId) }), example: { entryIds: ['1'], folderId: '00000000-0000-4000-8000-000000000000' },
      handler: async ({ actor, body }) => ({ entryIds: await copyEntries(deps, me(actor), body.entryIds, body.folderId) }),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/entries/delete', access: 'person', tag, summary: 'Delete to Trash (from Trash: for good)', body: EntryIds, response: Ok,
      example: { entryIds: ['1'] },
      handler: async ({ actor, body }) => (await deleteEntries(deps, me(actor), body.entryIds), { ok: true }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/search', access: 'person', tag, summary: 'Search my mail (words in subject, body, sender, attachment names; filters)',
      query: MailSearchQuery, response: MailPage,
      handler: ({ actor, query }) => searchMail(deps.db, me(actor), query),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/recipients', access: 'person', tag, summary: 'People, groups and departments to write to',
      query: RecipientQuery, response: RecipientSuggestions,
      handler: async ({ actor, query }) => ({ items: await suggestRecipients(deps.db, actor!.orgId, query.q, query.limit) }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/settings', access: 'person', tag, summary: 'How often my client checks for mail without a live connection', response: MailSettings,
      handler: ({ actor }) => mailSettings(deps.db, deps.config, me(actor).userId),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/mail/settings', access: 'person', tag, summary: 'Set my own check interval (null: the server default)',
      body: UpdateMailSettings, response: MailSettings, example: { pollSeconds: 120 },
      handler: ({ actor, body }) => setMailPoll(deps, me(actor).userId, body.pollSeconds),
    }),
    defineRoute({
      method: 'PUT', url: '/api/v1/mail/uploads', access: 'person', tag, summary: 'Upload a file to attach (raw body, its own Content-Type; ?filename=)',
      query: UploadQuery, response: Upload, status: 201, streamBody: true,
      handler: async ({ actor, query, req, body }) => {
        if (!body) throw new AppError('VALIDATION_FAILED', 'Send the file as the request body.', { field: 'body' });
        return uploadFile(deps, me(actor), { filename: query.filename, contentType: String(req.headers['content-type'] ?? ''), body: body as Readable });
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/entries/:id/raw', access: 'person', tag, summary: 'Download the original of a message from outside (.eml), kept whatever the parser made of it',
      params: EntryParams, raw: true,
      handler: async ({ actor, params, reply }) => {
        const e = await accessEntry(deps.db, me(actor), params.id);
        const original = await readOriginal(deps, e.message_id);
        if (!original) throw notFound();
        reply
          .header('content-type', 'message/rfc822')
          .header('content-disposition', `attachment; filename="message-${params.id}.eml"`)
          .header('content-security-policy', "sandbox; default-src 'none'")
          .header('cache-control', 'private, max-age=3600');
        return reply.send(original);
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/entries/:id/attachments/:attachmentId', access: 'person', tag, summary: 'Download an attachment of a message I have',
      params: z.object({ id: EntryId, attachmentId: Id }), raw: true,
      handler: async ({ actor, params, reply }) => {
        const e = await accessEntry(deps.db, me(actor), params.id);
        const a = await attachmentOfMessage(deps.db, e.message_id, params.attachmentId);
        if (!a || !(await deps.blobs.has(a.sha256))) throw notFound();
        // always a download, never rendered in our origin
        reply
          .header('content-type', a.content_type === 'text/html' || a.content_type.includes('svg') ? 'application/octet-stream' : a.content_type)
          .header('content-length', String(a.size))
          .header('content-disposition', `attachment; filename="${a.filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
          .header('content-security-policy', "sandbox; default-src 'none'")
          .header('cache-control', 'private, max-age=3600');
        return reply.send(deps.blobs.read(a.sha256));
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/mail/holds/:userId', access: 'administrator', tag, summary: "Whether a person's mailbox is on legal hold",
      params: z.object({ userId: Id }), response: z.object({ userId: Id, hold: z.boolean() }),
      handler: ({ actor, params }) => holdOf(deps, actor!, params.userId),
    }),
    defineRoute({
      method: 'PUT', url: '/api/v1/mail/holds/:userId', access: 'administrator', tag, summary: "Put a person's mailbox on legal hold, or lift it",
      params: z.object({ userId: Id }), body: z.object({ hold: z.boolean() }).strict(), response: z.object({ userId: Id, hold: z.boolean() }),
      example: { hold: true },
      handler: ({ actor, params, body }) => setHold(deps, actor!, params.userId, body.hold),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/mail/trash/empty', access: 'person', tag, summary: 'Empty my Trash', response: z.object({ deleted: z.number().int() }),
      handler: async ({ actor }) => ({ deleted: await emptyTrash(deps, me(actor)) }),
    }),
  ];
}
