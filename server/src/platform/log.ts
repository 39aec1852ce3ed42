import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured logs; secrets, cookies and message bodies never reach them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', 'password', '*.password'],
      censor: '[redacted]',
    },
  });
}
