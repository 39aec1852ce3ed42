import { simpleParser, type AddressObject } from 'mailparser';
import { sanitizeExternalHtml } from './html.ts';
import { plainText } from './html.ts';

export interface ParsedMail {
  subject: string;
  from: { name: string; email: string } | null;
  to: { name: string; email: string }[];
  cc: { name: string; email: string }[];
  date: Date | null;
  messageIdHeader: string | null;
  inReplyToHeader: string | null;
  html: string;
  text: string;
  /** `sha256` is set once the caller has put the file in the blob store (ahead of its transaction). */
  attachments: { filename: string; contentType: string; content: Buffer; sha256?: string }[];
  /** Set when the message could not be read: what went wrong (the raw message is kept anyway). */
  problem: string | null;
}

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value).filter((v) => v.address).map((v) => ({ name: v.name ?? '', email: v.address!.toLowerCase() }));

/** The first value of a header in the raw head, unfolded, for when the parser gives up. */
function rawHeader(raw: Buffer, name: string) {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1').split(/\r?\n\r?\n/)[0];
  const m = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return m ? m[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

/**
 * Reads an incoming message. Never throws: a message the parser cannot read still yields its
 * subject and sender from the raw head, an explanation, and (with the raw kept by the caller) a
 * download of the original. HTML is sanitised and remote images are held back.
 */
export async function parseMime(raw: Buffer): Promise<ParsedMail> {
  try {
    const m = await simpleParser(raw, { skipImageLinks: true, maxHtmlLengthToParse: 2_000_000, skipTextToHtml: true });
    const from = addresses(m.from)[0] ?? null;
    let html = '';
    let problem: string | null = null;
    try {
      html = typeof m.html === 'string' ? sanitizeExternalHtml(m.html) : '';
    } catch (err) {
      problem = `HTML part could not be read: ${(err as Error).message}`;
    }
    let text = m.text ?? '';
    if (!text && html) text = plainText(html);
    return {
      subject: (m.subject ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 998),
      from,
      to: addresses(m.to),
      cc: addresses(m.cc),
      date: m.date && !Number.isNaN(m.date.getTime()) ? m.date : null,
      messageIdHeader: m.messageId ?? null,
      inReplyToHeader: typeof m.inReplyTo === 'string' ? m.inReplyTo : null,
      html,
      text: text.slice(0, 2_000_000),
      attachments: m.attachments
        .filter((a) => a.contentDisposition === 'attachment' || a.filename || !a.related)
        .map((a, i) => ({ filename: (a.filename ?? `attachment-${i + 1}`).replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 255), contentType: a.contentType || 'application/octet-stream', content: a.content })),
      problem,
    };
  } catch (err) {
    const fromHeader = rawHeader(raw, 'From');
    const email = /[^\s<>"]+@[^\s<>"]+/.exec(fromHeader)?.[0]?.toLowerCase();
    return {
      subject: rawHeader(raw, 'Subject').replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 998),
      from: email ? { name: fromHeader.replace(/<[^>]*>/, '').replace(/"/g, '').trim(), email } : null,
      to: [], cc: [], date: null, messageIdHeader: rawHeader(raw, 'Message-ID') || null, inReplyToHeader: null,
      html: '',
      text: '',
      attachments: [],
      problem: `The message could not be read (${(err as Error).message}); download the original to see it.`,
    };
  }
}
