import type { ErrorCode } from '@mailroom/contract';

/** A failed API call: `code` is the stable code from the contract's error catalogue. */
export class MailroomError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly field?: string,
    readonly requestId?: string,
    readonly retryAfterSeconds?: number,
    /** MAIL_SERVER_FAILED: what went wrong with the account's server (an AccountProblem code). */
    readonly problem?: string,
  ) {
    super(message);
    this.name = 'MailroomError';
  }
}
