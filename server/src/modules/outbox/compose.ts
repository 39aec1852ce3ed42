import { randomBytes } from 'node:crypto';
import * as base64 from 'nodemailer/lib/base64/index.js';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs/index.js';
import * as qp from 'nodemailer/lib/qp/index.js';

/** What goes into an outgoing message (the queue row, the system account, the files' bytes). */
export interface MailParts {
  messageId: string;
  from: { name: string; address: string };
  to: string[];
  cc: string[];
  replyTo: string | null;
  inReplyTo: string | null;
  subject: string;
  text: string | null;
  html: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** Date header; now unless given (tests). */
  date?: Date;
}

const CRLF = '\r\n';
/** Boundaries: random per process, then counted (a fresh random value per message cost a system call each). */
const BOUNDARY_PREFIX = randomBytes(12).toString('hex');
let boundaries = 0;
const ASCII_ADDRESS = /^[\x21-\x7e]+$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/**
 * Whether `composeMail` can build this message; otherwise nodemailer does (ComposeThread): a DKIM
 * signature, or an address that is not plain ASCII (internationalised, SMTPUTF8), goes that way.
 */
export const composable = (m: MailParts, signed: boolean) => !signed && [m.from.address, ...m.to, ...m.cc, ...(m.replyTo ? [m.replyTo] : [])].every((a) => ASCII_ADDRESS.test(a));

/**
 * Builds an outgoing message (RFC 5322 + MIME) in one synchronous pass, with nodemailer's own
 * encoders (RFC 2047 words, RFC 2231 parameters, quoted-printable, base64): text and/or HTML
 * (multipart/alternative), files (multipart/mixed). nodemailer's composer streams every part
 * through several transforms, and that cost more CPU than the rest of sending a message together;
 * the same message built here takes a small part of it (compose.test.ts checks both read the same).
 */
export function composeMail(m: MailParts): Buffer {
  const head = [
    header('From', mailbox(m.from.name, m.from.address)),
    ...(m.replyTo ? [header('Reply-To', m.replyTo)] : []),
    ...(m.to.length ? [header('To', m.to.join(', '))] : []),
    ...(m.cc.length ? [header('Cc', m.cc.join(', '))] : []),
    header('Subject', words(m.subject)),
    header('Message-ID', bracketed(m.messageId)),
    ...(m.inReplyTo ? [header('In-Reply-To', bracketed(m.inReplyTo)), header('References', bracketed(m.inReplyTo))] : []),
    header('Date', (m.date ?? new Date()).toUTCString().replace(/GMT$/, '+0000')),
    'MIME-Version: 1.0',
  ];
  const boundary = `--_mr_${BOUNDARY_PREFIX}_${(++boundaries).toString(36)}`;
  const parts: string[][] = [];
  if (m.text !== null || m.html === null) parts.push(textPart('text/plain', m.text ?? ''));
  if (m.html !== null) parts.push(textPart('text/html', m.html));
  let body = parts.length === 1 ? parts[0] : multipart('alternative', `${boundary}_alt`, parts);
  if (m.attachments.length) body = multipart('mixed', `${boundary}_mix`, [body, ...m.attachments.map(filePart)]);
  return Buffer.from([...head, ...body].join(CRLF), 'utf8');
}

/** A header line, folded at 76 characters (a line break inside a value could start a header: it becomes a space). */
const header = (name: string, value: string) => mimeFuncs.foldLines(`${name}: ${value.replace(/[\r\n]+/g, ' ')}`, 76).replace(/\r?\n/g, CRLF);

/** A header's free text: as it is when plain ASCII, else all of it RFC 2047 encoded words. */
const words = (value: string) => (mimeFuncs.isPlainText(value) ? value : mimeFuncs.encodeWords(value, 'Q', 52, true));

const bracketed = (id: string) => (id.startsWith('<') ? id : `<${id}>`);

/** `Name <address>`: the name as an atom, a quoted string, or encoded words. */
function mailbox(name: string, address: string) {
  if (!name) return address;
  if (!mimeFuncs.isPlainText(name)) return `${words(name)} <${address}>`;
  if (/^[\w !#$%&'*+/=?^`{|}~-]*$/.test(name)) return `${name} <${address}>`;
  return `"${name.replace(/[\\"]/g, '\\$&')}" <${address}>`;
}

/** A text body: 7bit when plain ASCII in short lines, quoted-printable otherwise. */
function textPart(type: string, content: string) {
  const lines = content.replace(/\r?\n|\r/g, CRLF);
  const plain = mimeFuncs.isPlainText(lines) && !mimeFuncs.hasLongerLines(lines, 76);
  const encoded = plain ? lines : qp.wrap(qp.encode(Buffer.from(lines, 'utf8')), 76).replace(/\r?\n/g, CRLF);
  return [`Content-Type: ${type}; charset=utf-8`, `Content-Transfer-Encoding: ${plain ? '7bit' : 'quoted-printable'}`, '', encoded];
}

function filePart(f: MailParts['attachments'][number]) {
  const type = MEDIA_TYPE.test(f.contentType) ? f.contentType.toLowerCase() : 'application/octet-stream';
  return [
    header('Content-Type', mimeFuncs.buildHeaderValue({ value: type, params: { name: f.filename } })),
    'Content-Transfer-Encoding: base64',
    header('Content-Disposition', mimeFuncs.buildHeaderValue({ value: 'attachment', params: { filename: f.filename } })),
    '',
    base64.wrap(base64.encode(f.content), 76).replace(/\r?\n/g, CRLF),
  ];
}

function multipart(kind: 'alternative' | 'mixed', boundary: string, parts: string[][]) {
  return [`Content-Type: multipart/${kind}; boundary="${boundary}"`, '', ...parts.flatMap((p) => [`--${boundary}`, ...p]), `--${boundary}--`, ''];
}
