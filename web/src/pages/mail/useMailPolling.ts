import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../../api/keys.ts';
import { DEFAULT_POLL_SECONDS, streamStatus, useMailSettings } from '../../api/mail.ts';
import { useStore } from '../../api/store.ts';

/**
 * While the event stream is not open, asks for new mail every `pollSeconds` (the person's own
 * setting, else the server's, else 300 s): folder counts and the lists on screen are fetched again.
 */
export function useMailPolling() {
  const qc = useQueryClient();
  const status = useStore(streamStatus);
  const settings = useMailSettings();
  const seconds = Math.max(10, settings.data?.pollSeconds ?? DEFAULT_POLL_SECONDS);
  useEffect(() => {
    if (status === 'open') return;
    const timer = setInterval(() => {
      void qc.invalidateQueries({ queryKey: keys.mailFolders });
      void qc.invalidateQueries({ queryKey: keys.mailLists });
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [status, seconds, qc]);
}
