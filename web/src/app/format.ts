import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionQuery } from '../api/session.ts';

/** Formats ISO timestamps in the interface language and the user's time zone (with seconds: for logs). */
export function useFormatDateTime(seconds = false) {
  const { i18n, t } = useTranslation();
  const timeZone = useSessionQuery().data?.user.timeZone;
  return useCallback(
    (iso: string | null | undefined) => {
      if (!iso) return t('common.never');
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      try {
        return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short', timeZone }).format(d);
      } catch {
        return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' }).format(d);
      }
    },
    [i18n.language, timeZone, t, seconds],
  );
}

/** A short date for list rows: the time for today, else the day (and the year when it is not this one). */
export function useFormatShortDate() {
  const { i18n } = useTranslation();
  const timeZone = useSessionQuery().data?.user.timeZone;
  return useCallback(
    (iso: string | null | undefined) => {
      if (!iso) return '';
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      const fmt = (o: Intl.DateTimeFormatOptions) => {
        try {
          return new Intl.DateTimeFormat(i18n.language, { ...o, timeZone }).format(d);
        } catch {
          return new Intl.DateTimeFormat(i18n.language, o).format(d);
        }
      };
      const day = (x: Date) => {
        try {
          return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(x);
        } catch {
          return x.toDateString();
        }
      };
      const now = new Date();
      if (day(d) === day(now)) return fmt({ hour: '2-digit', minute: '2-digit' });
      if (day(d).slice(0, 4) === day(now).slice(0, 4)) return fmt({ day: 'numeric', month: 'short' });
      return fmt({ day: 'numeric', month: 'short', year: 'numeric' });
    },
    [i18n.language, timeZone],
  );
}
