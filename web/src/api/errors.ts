import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MailroomError } from '@mailroom/sdk';
import type { ErrorCode } from '@mailroom/sdk';

const codes: ReadonlyArray<ErrorCode | 'NETWORK'> = [
  'VALIDATION_FAILED', 'MALFORMED_JSON', 'UNAUTHENTICATED', 'INVALID_CREDENTIALS', 'CSRF_FAILED', 'FORBIDDEN', 'NOT_FOUND',
  'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED', 'INTERNAL', 'NOT_READY', 'MAIL_SERVER_FAILED', 'NETWORK',
];

export const isCode = (e: unknown, code: ErrorCode | 'NETWORK'): boolean => e instanceof MailroomError && e.code === code;

/** A field name from the server, in words when we know it ("departmentId" -> "Department"). */
function fieldLabel(t: TFunction, field: string): string {
  const key = `fields.${field.split('.')[0]}`;
  const label = t(key as 'fields.login', { defaultValue: '' });
  return label || field;
}

/** Turns any failure into a sentence in the current language, driven by the error's stable code. */
export function errorText(t: TFunction, e: unknown): string {
  if (!(e instanceof MailroomError)) {
    // A fetch that failed outright, or an answer that was not JSON (a proxy page): the server is unreachable.
    return e instanceof TypeError || e instanceof SyntaxError ? t('errors.NETWORK') : t('errors.UNKNOWN');
  }
  if (e.code === 'RATE_LIMITED' && e.retryAfterSeconds !== undefined) {
    const seconds = Math.max(1, Math.ceil(e.retryAfterSeconds));
    // Long waits read better in minutes ("10 min" rather than "600 s").
    return seconds < 120 ? t('errors.retryAfter', { seconds }) : t('errors.retryAfterMinutes', { minutes: Math.ceil(seconds / 60) });
  }
  const parts = [codes.includes(e.code) ? t(`errors.${e.code}`) : t('errors.UNKNOWN')];
  if (e.field) parts.push(t('errors.field', { field: fieldLabel(t, e.field) }));
  if (e.requestId && (e.code === 'INTERNAL' || !codes.includes(e.code))) parts.push(t('errors.requestId', { requestId: e.requestId }));
  return parts.join(' ');
}

export function useErrorText() {
  const { t } = useTranslation();
  return useCallback((e: unknown) => errorText(t, e), [t]);
}

/** True when the failure names this field (to mark the input red next to the message). */
export const failedField = (e: unknown, ...fields: string[]): boolean =>
  e instanceof MailroomError && !!e.field && fields.includes(e.field.split('.')[0]!);
