import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorCatalogue, type ErrorCode } from '@mailroom/contract';
import { AppError } from '../errors/index.ts';

/** Maps anything thrown to the catalogue; unknown errors become INTERNAL with the request id. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { statusCode?: number };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('VALIDATION_FAILED', 'Content-Length does not match the body.', { field: 'content-length' });
  }
  if (e instanceof SyntaxError || (e?.statusCode === 400 && /JSON|prototype|constructor/i.test(e.message))) return new AppError('MALFORMED_JSON');
  if (e?.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (e?.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  return new AppError('INTERNAL');
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const app = toAppError(err);
  if (app.code === 'INTERNAL') req.log.error({ err }, 'unexpected error');
  if (app.extra.retryAfterSeconds) reply.header('retry-after', String(app.extra.retryAfterSeconds));
  return reply.status(app.status).send({
    error: { code: app.code, message: app.message, ...app.extra, requestId: req.id },
  });
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  const code: ErrorCode = 'NOT_FOUND';
  return reply.status(404).send({ error: { code, message: errorCatalogue[code].message, requestId: req.id } });
}
