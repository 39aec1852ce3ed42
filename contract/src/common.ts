import { z } from 'zod';

export const Id = z.string().uuid();
export const Language = z.enum(['ru', 'en', 'pl']);
export type Language = z.infer<typeof Language>;
export const SendKey = z.enum(['enter', 'ctrl-enter']);
export type SendKey = z.infer<typeof SendKey>;

export const TimeZone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Unknown time zone');

/** Single-line text: no control characters (keeps headers and logs clean later). */
export const Line = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'Control characters are not allowed');

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export const Ok = z.object({ ok: z.literal(true) });
