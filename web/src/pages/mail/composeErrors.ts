import type { TFunction } from 'i18next';
import { MailroomError } from '@mailroom/sdk';
import { errorText } from '../../api/errors.ts';

/**
 * A failure of sending, saving or uploading, in words: the common mail cases get their own
 * sentence (no recipient, a file too large), everything else the general text with the field.
 */
export function composeErrorText(t: TFunction, e: unknown, filename?: string): string {
  if (e instanceof MailroomError) {
    if (e.code === 'VALIDATION_FAILED' && e.field?.split('.')[0] === 'to') return t('mail.compose.noRecipients');
    if (e.code === 'PAYLOAD_TOO_LARGE') return filename ? t('mail.compose.fileTooLarge', { name: filename }) : t('mail.compose.tooLarge');
  }
  return errorText(t, e);
}
