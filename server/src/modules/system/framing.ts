import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const SELF = "frame-ancestors 'self'";

/**
 * Who may put Mailroom in a frame (clickjacking): nobody but Mailroom itself, except the pages
 * under /embed/ (the discussion widget's iframe), which the sites in EMBED_ALLOWED_ORIGINS may
 * frame too. Every response gets the policy, errors and API answers included; one that set its
 * own Content-Security-Policy (sandboxed mail bodies, file downloads) keeps it with frame-ancestors
 * added. X-Frame-Options is for browsers without CSP; it cannot name other sites, so the embed
 * pages go without it once other sites are allowed.
 */
export function registerFraming(app: FastifyInstance, embedOrigins: readonly string[]) {
  const embedPolicy = embedOrigins.length ? `${SELF} ${embedOrigins.join(' ')}` : SELF;
  const warned = new Set<string>();
  app.addHook('onSend', async (req, reply, payload) => {
    const embed = isEmbed(req);
    const policy = embed ? embedPolicy : SELF;
    const own = reply.getHeader('content-security-policy');
    if (typeof own !== 'string' || !own.trim()) reply.header('content-security-policy', policy);
    else if (!/(^|;)\s*frame-ancestors\s/i.test(own)) reply.header('content-security-policy', `${own.replace(/[;\s]+$/, '')}; ${policy}`);
    if (!embed || !embedOrigins.length) reply.header('x-frame-options', 'SAMEORIGIN');
    else reply.removeHeader('x-frame-options');
    if (embed) warnRefused(req, reply, embedOrigins, warned);
    return payload;
  });
}

const isEmbed = (req: FastifyRequest) => {
  const path = req.url.split('?')[0];
  return path === '/embed' || path.startsWith('/embed/');
};

/**
 * The widget's frame sends its host page's origin as Referer (strict-origin): say in the log when
 * the browser is going to refuse it, once per origin, since the person only sees an empty frame.
 */
function warnRefused(req: FastifyRequest, reply: FastifyReply, allowed: readonly string[], warned: Set<string>) {
  if (req.headers['sec-fetch-dest'] !== 'iframe' || allowed.includes('*') || warned.size >= 100) return;
  let origin: string;
  try {
    origin = new URL(String(req.headers.referer ?? '')).origin;
  } catch {
    return;
  }
  if (origin === 'null' || new URL(origin).host === req.headers.host || warned.has(origin)) return;
  if (allowed.some((a) => a === origin || (a.includes('://*.') && matchesWildcard(a, origin)))) return;
  warned.add(origin);
  reply.log.warn({ origin }, 'a page of another site framed the discussion widget; browsers refuse it until EMBED_ALLOWED_ORIGINS names its origin');
}

function matchesWildcard(pattern: string, origin: string) {
  const [scheme, rest] = pattern.split('://*.');
  const o = new URL(origin);
  const [host, port] = rest.split(':');
  return o.protocol === `${scheme}:` && o.hostname.endsWith(`.${host}`) && (port ? o.port === port : !o.port);
}
