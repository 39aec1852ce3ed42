import type { z } from 'zod';
import { AppError } from '../errors/index.ts';

/** Parses input with a zod schema; the first problem becomes VALIDATION_FAILED naming the field. */
export function parseOr400<T>(schema: z.ZodType<T>, input: unknown, where: 'body' | 'query'): T {
  const r = schema.safeParse(input ?? (where === 'query' ? {} : undefined));
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : where;
  throw new AppError('VALIDATION_FAILED', `${field}: ${issue.message}`, { field });
}
