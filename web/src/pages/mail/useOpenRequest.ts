import { useEffect } from 'react';
import type { MailFolder } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { folderByRole, openEntryRequest, openRequest } from '../../api/mail.ts';
import { useStore } from '../../api/store.ts';

/**
 * "Open" in a new-mail alert names a message (messageId); the mail screen finds that message's
 * entry in the Inbox and opens it. "Open in Mail" after an import names the entry itself, which
 * opens in its own folder.
 */
export function useOpenRequest(folders: MailFolder[] | undefined, open: (folderId: string, entryId: string | null) => void) {
  const messageId = useStore(openRequest);
  useEffect(() => {
    const inbox = folderByRole(folders, 'inbox');
    if (!messageId || !inbox) return;
    openRequest.set(null);
    // not cancelled when the folders refresh meanwhile: the request is taken once
    client.mail
      .list(inbox.id, { limit: 50 })
      .then((page) => open(inbox.id, page.items.find((m) => m.messageId === messageId)?.id ?? null))
      .catch(() => open(inbox.id, null));
  }, [messageId, folders, open]);

  const entryId = useStore(openEntryRequest);
  useEffect(() => {
    if (!entryId || !folders) return;
    openEntryRequest.set(null);
    client.mail
      .get(entryId)
      .then((m) => open(m.folderId, m.id))
      .catch(() => undefined);
  }, [entryId, folders, open]);
}
