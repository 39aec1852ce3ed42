import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionQuery } from '../../api/session.ts';

/**
 * Times of messages in the interface language and the person's time zone: "14:05" today,
 * "12 Mar, 14:05" on other days; `full` for the tooltip.
 */
export function useMessageTime() {
  const { i18n } = useTranslation();
  const timeZone = useSessionQuery().data?.user.timeZone;
  return useCallback(
    (iso: string) => {
      const d = new Date(iso);
      const fmt = (o: Intl.DateTimeFormatOptions, at = d) => {
        try {
          return new Intl.DateTimeFormat(i18n.language, { ...o, timeZone }).format(at);
        } catch {
          return new Intl.DateTimeFormat(i18n.language, o).format(at);
        }
      };
      const day = (x: Date) => fmt({ year: 'numeric', month: '2-digit', day: '2-digit' }, x);
      const time = fmt({ hour: '2-digit', minute: '2-digit' });
      const short = day(d) === day(new Date()) ? time : `${fmt({ day: 'numeric', month: 'short' })}, ${time}`;
      return { short, full: fmt({ dateStyle: 'full', timeStyle: 'short' }) };
    },
    [i18n.language, timeZone],
  );
}
