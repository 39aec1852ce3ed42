// A deterministic corpus of realistic mail for sync benchmarks: plain and HTML bodies of varied
// length, some with a small attachment, some replies, subjects and names in English, Russian and
// Polish (RFC 2047 encoded, as real clients send them).
import { createHash } from 'node:crypto';

const SUBJECTS = [
  'Quarterly budget review', 'Re: Meeting notes from Tuesday', 'Invoice 2026/11 attached', 'Server maintenance window',
  'Отчёт за ноябрь', 'Совещание в четверг перенесено', 'Счёт на оплату №', 'Re: Согласование договора поставки',
  'Zaproszenie na spotkanie zespołu', 'Faktura VAT za październik', 'Re: Pilne: zmiana harmonogramu', 'Życzenia świąteczne dla współpracowników',
];
const NAMES = ['Anna Kowalska', 'Иван Петров', 'John Smith', 'Łukasz Wiśniewski', 'Мария Соколова', 'Emily Clarke', 'Zofia Dąbrowska', 'Алексей Кузнецов'];
const COMMON = [
  'budget', 'contract', 'delivery', 'schedule', 'invoice', 'approval', 'project', 'report', 'customer', 'warehouse',
  'поставка', 'договор', 'согласование', 'бюджет', 'отчёт', 'заказчик', 'склад', 'сроки', 'платёж', 'совещание',
  'umowa', 'dostawa', 'harmonogram', 'faktura', 'zamówienie', 'spotkanie', 'płatność', 'klient', 'magazyn', 'termin',
];

/** Mulberry32: the same corpus on every run, so runs compare. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`);
const address = (name: string, i: number) => `${encodeWord(name)} <${name.split(' ')[0].toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '') || 'user'}${i % 97}@example.org>`;

const messageId = (i: number) => `<bench.${i}.${createHash('sha1').update(String(i)).digest('hex').slice(0, 12)}@example.org>`;

/**
 * Real mail has a long tail of words, which is what a search index pays for: the common words
 * above plus 3,000 made of Latin, Polish and Cyrillic syllables, drawn with a Zipf-like skew.
 */
const WORDS = (() => {
  const syllables = [
    ['ka', 'mo', 're', 'ti', 'sa', 'lu', 'pe', 'dor', 'vin', 'stra', 'gel', 'bra'],
    ['prze', 'ło', 'ść', 'wy', 'rzą', 'dzi', 'ko', 'nie', 'sz', 'ęt'],
    ['пре', 'ло', 'ст', 'ва', 'ни', 'ко', 'ры', 'дже', 'ть', 'мен'],
  ];
  const r = rng(1);
  const made = Array.from({ length: 3000 }, (_, i) => {
    const set = syllables[i % 3];
    return Array.from({ length: 2 + Math.floor(r() * 3) }, () => set[Math.floor(r() * set.length)]).join('');
  });
  return [...COMMON, ...made];
})();
const word = (r: () => number) => WORDS[Math.floor(r() ** 2.5 * WORDS.length)];

/** Base64 in 76-character lines, as MIME wants. */
const base64Lines = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');

function paragraphs(r: () => number, bytes: number) {
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const n = 20 + Math.floor(r() * 60);
    const p = Array.from({ length: n }, () => word(r)).join(' ');
    const line = p[0].toUpperCase() + p.slice(1) + '.';
    out.push(line);
    size += Buffer.byteLength(line) + 2;
  }
  return out;
}

/**
 * Message number `i` (1-based) of the corpus, as raw RFC 5322 bytes with CRLF line ends.
 * Roughly: 55% plain text, 30% text + HTML alternative, 15% with a small attachment; bodies from
 * 300 bytes to ~40 KB, a few larger.
 */
export function corpusMessage(i: number): Buffer {
  const r = rng(i * 7919);
  const subject = SUBJECTS[Math.floor(r() * SUBJECTS.length)] + (r() < 0.5 ? ` ${i}` : '');
  const from = address(NAMES[Math.floor(r() * NAMES.length)], i);
  const date = new Date(Date.UTC(2026, 0, 1) + i * 37 * 60_000).toUTCString().replace('GMT', '+0000');
  const size = r() < 0.05 ? 40_000 + Math.floor(r() * 80_000) : 300 + Math.floor(r() ** 2 * 40_000);
  const text = paragraphs(r, size);
  const kind = r();
  const head = [
    `From: ${from}`,
    `To: ${address(NAMES[i % NAMES.length], i + 1)}`,
    ...(r() < 0.2 ? [`Cc: ${address(NAMES[(i + 3) % NAMES.length], i + 2)}`] : []),
    `Subject: ${encodeWord(subject)}`,
    `Date: ${date}`,
    `Message-ID: ${messageId(i)}`,
    ...(i > 1 && r() < 0.25 ? [`In-Reply-To: ${messageId(i - 1)}`] : []),
    'MIME-Version: 1.0',
  ];
  const plain = ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit', '', ...text];
  const html = ['Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: base64', '',
    base64Lines(Buffer.from(`<html><body>${text.map((p) => `<p>${p}</p>`).join('')}<p><a href="https://example.org/x">link</a></p></body></html>`))];
  let body: string[];
  if (kind < 0.55) body = plain;
  else if (kind < 0.85) body = ['Content-Type: multipart/alternative; boundary="alt"', '', '--alt', ...plain, '--alt', ...html, '--alt--'];
  else {
    // random bytes, so every attachment is its own blob (as with real files)
    const file = Buffer.alloc(2_000 + Math.floor(r() * 30_000));
    for (let b = 0; b < file.length; b++) file[b] = Math.floor(r() * 256);
    const name = r() < 0.5 ? `report-${i}.pdf` : `umowa-${i}.pdf`;
    body = ['Content-Type: multipart/mixed; boundary="mix"', '', '--mix', ...plain, '--mix',
      `Content-Type: application/pdf; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '',
      base64Lines(file), '--mix--'];
  }
  return Buffer.from([...head, ...body, ''].join('\r\n'));
}

/** Whether message `i` is stored as read (two thirds are). */
export const corpusSeen = (i: number) => i % 3 !== 0;
