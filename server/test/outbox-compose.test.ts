import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { composable, composeMail, type MailParts } from '../src/modules/outbox/compose.ts';

/** The same message built by nodemailer's composer, as the queue used to build it. */
async function byNodemailer(m: MailParts) {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await t.sendMail({
    messageId: m.messageId, from: m.from, to: m.to, cc: m.cc, replyTo: m.replyTo ?? undefined, inReplyTo: m.inReplyTo ?? undefined,
    references: m.inReplyTo ?? undefined, subject: m.subject, text: m.text ?? undefined, html: m.html ?? undefined, attachments: m.attachments,
    date: m.date, disableFileAccess: true, disableUrlAccess: true,
  });
  return info.message as Buffer;
}

const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => ({ name: v.name, address: v.address })));
/** What a reader of the message gets: the fields a mail client shows and the files' bytes. */
const reading = (p: ParsedMail) => ({
  from: addresses(p.from), to: addresses(p.to), cc: addresses(p.cc), replyTo: addresses(p.replyTo), subject: p.subject, messageId: p.messageId,
  inReplyTo: p.inReplyTo, references: p.references, date: p.date?.toISOString(), text: p.text?.replace(/\n$/, '') ?? '', html: p.html ? p.html.replace(/\n$/, '') : null,
  files: p.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content.toString('base64') })),
});

const base: MailParts = {
  messageId: '<m1.abc@mailroom.example>', from: { name: 'Mailroom', address: 'noreply@mailroom.example' }, to: ['anna@outside.example'], cc: [],
  replyTo: null, inReplyTo: null, subject: 'Contract 42 is signed', text: 'Hello,\nthe contract is signed.\n', html: null, attachments: [],
  date: new Date('2026-11-24T10:00:00Z'),
};
const long = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. '.repeat(6);
const cases: [string, Partial<MailParts>][] = [
  ['plain ASCII text', {}],
  ['Cyrillic and Polish names, subject and text', {
    from: { name: 'Иванова Мария (бухгалтерия)', address: 'noreply@mailroom.example' }, subject: 'Счёт № 15 — żółć, zapłata do piątku',
    text: 'Добрый день!\nСчёт во вложении. Zażółć gęślą jaźń.\n',
  }],
  ['specials in the name, several recipients, copy, reply-to, a reply', {
    from: { name: 'Smith, John "JJ" \\ Co', address: 'noreply@mailroom.example' }, to: ['a@outside.example', 'b@outside.example'], cc: ['c@outside.example'],
    replyTo: 'office@mailroom.example', inReplyTo: '<orig.1@outside.example>',
  }],
  ['long lines, lines that start with a dot and trailing spaces', { text: `${long}\n.\n..leading dots\ntrailing spaces   \n\tand a tab\n${'x'.repeat(200)}\n` }],
  ['a subject longer than a line', { subject: `${long.slice(0, 180)} ${'Отчёт '.repeat(20)}` }],
  ['HTML only', { text: null, html: '<p>Hello <b>there</b> — привет</p>' }],
  ['text and HTML', { html: '<p>Hello,<br>the contract is signed.</p>' }],
  ['files, with Unicode names and a bad media type', {
    html: '<p>See the files</p>',
    attachments: [
      { filename: 'Договор № 42 (подписан) — окончательная редакция.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 binary \u0000\u00ff'.repeat(40), 'latin1') },
      { filename: 'notes.txt', contentType: 'text/plain', content: Buffer.from('plain notes\n') },
    ],
  }],
  ['an empty body', { text: '', subject: '' }],
];

describe('composing outgoing mail', () => {
  it.each(cases)('reads the same as nodemailer\'s: %s', async (_, change) => {
    const m = { ...base, ...change };
    const ours = composeMail(m);
    const theirs = await byNodemailer(m);
    const [a, b] = [reading(await simpleParser(ours)), reading(await simpleParser(theirs))];
    expect(a).toEqual(b);
    const text = ours.toString('latin1');
    // every line within SMTP's limit, CRLF only, no raw 8-bit bytes outside files' base64
    for (const line of text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).not.toMatch(/[\u0080-\u00ff]/);
  });

  it('sends a file whose media type does not parse as application/octet-stream', async () => {
    const raw = composeMail({ ...base, attachments: [{ filename: 'odd.bin', contentType: 'not a type; x="y"\r\nBcc: x@y.example', content: Buffer.from([0, 1, 2, 250]) }] });
    const p = await simpleParser(raw);
    expect(p.attachments.map((a) => [a.filename, a.contentType, a.content.toString('hex')])).toEqual([['odd.bin', 'application/octet-stream', '000102fa']]);
    expect(raw.toString()).not.toMatch(/^Bcc:/m);
  });

  it('keeps a line break in a value from starting a header', () => {
    const raw = composeMail({ ...base, from: { name: 'Evil\r\nBcc: victim@outside.example', address: 'noreply@mailroom.example' } }).toString();
    expect(raw).not.toMatch(/^Bcc:/m);
  });

  it('leaves signed mail and non-ASCII addresses to nodemailer', () => {
    expect(composable(base, false)).toBe(true);
    expect(composable(base, true)).toBe(false);
    expect(composable({ ...base, to: ['анна@почта.example'] }, false)).toBe(false);
  });
});
