import sanitizeHtml from 'sanitize-html';

/**
 * Mail bodies are untrusted: only formatting survives (no scripts, handlers, styles that load,
 * forms or frames); links open safely; images only from data: or our own attachments later.
 */
const policy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'sub', 'sup', 'blockquote', 'pre', 'code',
    'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

export const sanitizeMailHtml = (html: string) => sanitizeHtml(html, policy);

/**
 * Mail from outside: the same policy, but remote images are kept aside in data-remote-src (the
 * reader shows them only when the person allows it, per message or per sender) so that opening
 * a message tells no tracker anything.
 */
const externalPolicy: sanitizeHtml.IOptions = {
  ...policy,
  allowedAttributes: { ...policy.allowedAttributes, img: ['src', 'alt', 'width', 'height', 'data-remote-src'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  transformTags: {
    ...policy.transformTags,
    img: (tagName, attribs) => {
      const src = attribs.src ?? '';
      if (/^https?:\/\//i.test(src)) {
        const { src: _held, ...rest } = attribs;
        return { tagName, attribs: { ...rest, 'data-remote-src': src } };
      }
      const { 'data-remote-src': _forged, ...rest } = attribs;
      return { tagName, attribs: rest };
    },
  },
};

export const sanitizeExternalHtml = (html: string) => sanitizeHtml(html, externalPolicy);

/** The plain-text alternative: the writer's own, or the text of the HTML. */
export function plainText(html: string, given?: string) {
  if (given !== undefined && given.trim()) return given;
  const text = sanitizeHtml(html.replace(/<(br|\/p|\/div|\/li|\/h\d|\/tr)\s*\/?>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} });
  return text.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\n{3,}/g, '\n\n').trim();
}
