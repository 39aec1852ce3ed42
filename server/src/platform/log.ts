import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured logs; secrets, cookies and message bodies never reach them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    serializers: {
      // the query string may carry a widget token (?token=): log the path only
      req: (req: { id?: string; method?: string; url?: string; ip?: string }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0], ip: req.ip }),
    },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', 'password', '*.password'],
      censor: '[redacted]',
    },
  });
}
