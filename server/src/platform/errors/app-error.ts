import { errorCatalogue, type ErrorCode } from '@mailroom/contract';

/** A failure with a stable code from the catalogue; adapters (HTTP, SMTP, IMAP) map the code. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: { field?: string; retryAfterSeconds?: number; problem?: string } = {},
  ) {
    super(message ?? errorCatalogue[code].message);
    this.status = errorCatalogue[code].status;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { field });
