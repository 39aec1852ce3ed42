import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Compose, MailMessage, Party } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { ComposeFile, ComposeInit } from './compose.ts';

/** What the compose window holds: its starting point without the draft id (which the saver tracks). */
export type ComposeState = Omit<ComposeInit, 'draftId'>;

export type DraftStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; error: unknown };

// internal mail goes to people, groups and departments; outside addresses need an account
const refs = (ps: Party[]) => ps.flatMap((p) => (p.kind === 'external' ? [] : [{ kind: p.kind, id: p.id }]));
// from an account, everyone with an address (outside ones, and our people by theirs) is written to by address
const hasAddress = (p: Party) => p.kind === 'external' || (p.kind === 'user' && !!p.email);
const addressed = (ps: Party[]) => ps.filter(hasAddress).map((p) => p.email ?? p.id);

/** Who a message goes to: references for internal mail; addresses (and groups, departments by reference) from an account. */
function recipients(s: ComposeState): Partial<Compose> {
  if (!s.accountId) return { to: refs(s.to), cc: refs(s.cc), bcc: refs(s.bcc) };
  const rest = (ps: Party[]) => refs(ps.filter((p) => !hasAddress(p)));
  return {
    accountId: s.accountId,
    to: rest(s.to),
    cc: rest(s.cc),
    bcc: rest(s.bcc),
    toAddresses: addressed(s.to),
    ccAddresses: addressed(s.cc),
    bccAddresses: addressed(s.bcc),
  };
}

/** The body of mail.send / mail.saveDraft for this state (files still uploading or failed are left out). */
export const payloadOf = (s: ComposeState): Partial<Compose> => ({
  ...recipients(s),
  subject: s.subject,
  html: s.html,
  importance: s.importance,
  ...(s.inReplyTo ? { inReplyTo: s.inReplyTo } : {}),
  attachments: s.files.flatMap((f) => (f.ref && !f.error ? [f.ref] : [])),
});

export const DRAFT_DELAY_MS = 2000;

/**
 * Saves the message as a draft ~2 s after the last change (mail.saveDraft, over the same draft
 * once it has an id), and sends it (as that draft, so that it leaves Drafts). Saves and the send
 * run one after another, never in parallel, so that a draft is never made twice.
 */
export function useComposeSave(state: ComposeState, initialDraftId: string | undefined, setFiles: (update: (files: ComposeFile[]) => ComposeFile[]) => void) {
  const qc = useQueryClient();
  const [status, setStatus] = useState<DraftStatus>({ kind: 'idle' });
  const draftId = useRef(initialDraftId);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const current = useRef(state);
  current.current = state;
  const snapshot = JSON.stringify(payloadOf(state));
  // what is already on the server: a fresh reply or forward is not a draft until something is changed
  const saved = useRef(snapshot);
  const stopped = useRef(false);
  const busy = state.files.some((f) => f.uploading);

  const save = () => {
    const run = chain.current.then(async () => {
      const body = payloadOf(current.current);
      const key = JSON.stringify(body);
      if (stopped.current || key === saved.current) return;
      setStatus({ kind: 'saving' });
      try {
        const m: MailMessage = await client.mail.saveDraft({ ...body, draftId: draftId.current });
        draftId.current = m.id;
        // The draft's files are stored anew on every save: files kept by attachmentId now have the
        // draft's new ids (the server keeps the order); uploads keep their uploadId.
        const renamed = new Map<string, string>();
        (body.attachments ?? []).forEach((r, i) => {
          const a = m.attachments[i];
          if ('attachmentId' in r && a) renamed.set(r.attachmentId, a.id);
        });
        const rename = <T extends { uploadId: string } | { attachmentId: string }>(r: T) =>
          'attachmentId' in r && renamed.has(r.attachmentId) ? { attachmentId: renamed.get(r.attachmentId)! } : r;
        saved.current = JSON.stringify({ ...body, attachments: (body.attachments ?? []).map(rename) });
        if (renamed.size) setFiles((fs) => fs.map((f) => (f.ref ? { ...f, ref: rename(f.ref) } : f)));
        setStatus({ kind: 'saved', at: new Date() });
        void qc.invalidateQueries({ queryKey: keys.mailFolders });
        void qc.invalidateQueries({ queryKey: keys.mailLists });
      } catch (error) {
        setStatus({ kind: 'error', error });
      }
    });
    chain.current = run.catch(() => undefined);
    return run;
  };

  useEffect(() => {
    if (busy || snapshot === saved.current) return;
    const timer = setTimeout(() => void save(), DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
    // save reads the latest state through a ref
  }, [snapshot, busy]); // eslint-disable-line react-hooks/exhaustive-deps

  return {
    status,
    /** Whether there are changes the server does not have yet. */
    dirty: snapshot !== saved.current,
    /** Save now (closing the window): nothing is lost between two autosaves. */
    flush: () => {
      if (snapshot !== saved.current) void save();
    },
    send: async () => {
      stopped.current = true;
      await chain.current; // a save under way gives the draft its id first
      try {
        return await client.mail.send({ ...payloadOf(current.current), draftId: draftId.current });
      } catch (e) {
        stopped.current = false;
        throw e;
      }
    },
    /** Throw the draft away (to Trash), when one was saved. */
    discard: async () => {
      stopped.current = true;
      await chain.current;
      if (draftId.current) await client.mail.remove([draftId.current]);
    },
  };
}
