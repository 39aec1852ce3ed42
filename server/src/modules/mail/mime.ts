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
  /**
   * Set when the message could not be read fully: the parser's own words for what went wrong (the
   * screen puts them in a sentence of the reader's language), or NO_READABLE_PART when its text was
   * found outside any part. The raw message is kept anyway.
   */
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

const HEADER_LINE = /^(?:[\x21-\x39\x3b-\x7e]+:|From )/;
const CONTINUATION = /^[ \t]/;
const BOUNDARY_LINE = /^--[\x21-\x7e]{1,70}\s*$/;
const PART_HEADER = /^(?:Content-[\w-]+|MIME-Version):/i;

/**
 * The words of a message in which the parser found no part to show: a boundary missing, cut short
 * or mistyped (everything lands in the preamble), no header block at all, no blank line after the
 * headers, or a message it refused. That is its body as it came, less the lines of MIME structure
 * (boundary lines, part headers), decoded as UTF-8 where it is valid. Empty when only structure is
 * left.
 */
export function wordsAsTheyCame(raw: Buffer): string {
  const all = raw.subarray(0, 2_000_000);
  const utf8 = all.toString('utf8');
  const lines = (utf8.includes('\uFFFD') ? all.toString('latin1') : utf8).split(/\r?\n/);
  // the body starts after the first blank line, or at the first line of the head that is no header
  let start = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '' || !(HEADER_LINE.test(lines[i]) || (i > 0 && CONTINUATION.test(lines[i])))) {
      start = lines[i] === '' ? i + 1 : i;
      break;
    }
  }
  const kept: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (BOUNDARY_LINE.test(line)) continue;
    if (PART_HEADER.test(line)) {
      while (i + 1 < lines.length && CONTINUATION.test(lines[i + 1])) i++;
      continue;
    }
    kept.push(line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''));
  }
  const text = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return /[\p{L}\p{N}]/u.test(text) ? text : '';
}

/** The problem of a message shown by `wordsAsTheyCame`: a code, which the screen words in the reader's language. */
export const NO_READABLE_PART = 'NO_READABLE_PART';

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
      problem = `HTML part: ${(err as Error).message}`;
    }
    let text = m.text ?? '';
    if (!text && html) text = plainText(html);
    const attachments = m.attachments.filter((a) => a.contentDisposition === 'attachment' || a.filename || !a.related);
    // nothing to show: the words may still be there, outside any part the parser could find
    if (!text.trim() && !html && !attachments.length) {
      const words = wordsAsTheyCame(raw);
      if (words) {
        text = words;
        problem ??= NO_READABLE_PART;
      }
    }
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
      attachments: attachments.map((a, i) => ({ filename: (a.filename ?? `attachment-${i + 1}`).replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 255), contentType: a.contentType || 'application/octet-stream', content: a.content })),
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
      text: wordsAsTheyCame(raw),
      attachments: [],
      problem: (err as Error).message || 'unreadable MIME',
    };
  }
}
