import { z } from 'zod';

/** `*`, or scheme://host[:port] where the host may start with `*.` (a CSP host source without a path). */
const ORIGIN = /^(\*|https?:\/\/(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?)$/i;

/**
 * EMBED_ALLOWED_ORIGINS: the sites whose pages may frame /embed/… (the discussion widget), as a
 * space- or comma-separated list of origins. Anything else (quotes, semicolons, paths, keywords)
 * could change the Content-Security-Policy it goes into, so it is refused at start.
 */
export const embedOrigins = z
  .string()
  .default('')
  .transform((raw, ctx) => {
    const out: string[] = [];
    for (const item of raw.split(/[\s,]+/).filter(Boolean)) {
      const origin = item.replace(/\/$/, '');
      if (!ORIGIN.test(origin)) {
        ctx.addIssue({ code: 'custom', message: `"${item}" is not an origin: give scheme://host[:port] (e.g. https://erp.example.com), or * for any site` });
        continue;
      }
      if (!out.includes(origin.toLowerCase())) out.push(origin.toLowerCase());
    }
    return out;
  });
