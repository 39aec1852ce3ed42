/** The error catalogue: every failure the API reports has one stable code here. */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid; see the field named in the error.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in first, or send a valid API key or user token.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The login or the password is wrong.' },
  CSRF_FAILED: { status: 403, message: 'The request lacks the CSRF token; reload the page and try again.' },
  FORBIDDEN: { status: 403, message: 'Only an administrator may do this.' },
  NOT_FOUND: { status: 404, message: 'Nothing is here, or you may not see it.' },
  CONFLICT: { status: 409, message: 'This conflicts with something that already exists.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is larger than the server accepts.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts; wait a little and try again.' },
  MAIL_SERVER_FAILED: { status: 502, message: 'The mail server of this account refused or did not answer; open the account and run "Check account".' },
  INTERNAL: { status: 500, message: 'Something went wrong on the server; quote the request id to your administrator.' },
  NOT_READY: { status: 503, message: 'The server is starting or its database is unreachable.' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; requestId?: string; retryAfterSeconds?: number; /** MAIL_SERVER_FAILED: the account problem code (AccountProblem). */ problem?: string };
}
