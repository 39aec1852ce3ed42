import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionQuery } from '../api/session.ts';

/** Formats ISO timestamps in the interface language and the user's time zone. */
export function useFormatDateTime() {
  const { i18n, t } = useTranslation();
  const timeZone = useSessionQuery().data?.user.timeZone;
  return useCallback(
    (iso: string | null | undefined) => {
      if (!iso) return t('common.never');
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      try {
        return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
      } catch {
        return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
      }
    },
    [i18n.language, timeZone, t],
  );
}
