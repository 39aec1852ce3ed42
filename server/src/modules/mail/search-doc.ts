import type { Queryable } from '../../platform/db/index.ts';

/**
 * Search documents built in the application for mail taken in bulk (a first synchronisation of an
 * outside account: thousands of messages, most of their words the same).
 *
 * The words themselves are still read by PostgreSQL, so they match what `websearch_to_tsquery`
 * makes of a search: each distinct run of text between spaces (a "chunk") is put through
 * `to_tsvector` in the Russian and the simple configurations once, and its lexemes are kept
 * here. A message's document is then its chunks' lexemes laid out at their positions, sent as a
 * tsvector literal. A mailbox's words repeat from message to message, so after the first few
 * hundred messages almost every chunk is known and PostgreSQL does no text search work at all.
 *
 * It gives the same document as `refreshSearch` in SQL (weights: subject A, sender and file names
 * B, body D), except that positions count chunk by chunk, which a phrase search does not notice.
 */

export interface DocParts {
  subject: string;
  from: string;
  fileNames: string[];
  body: string;
}

/**
 * A chunk's lexemes (quoted for a tsvector literal, both configurations' merged) with their
 * positions inside it (from 1), and how many positions it takes.
 */
interface Chunk { lexemes: [string, number][]; span: number }

/** Longer chunks (base64 runs, long links) are looked up each time, not kept. */
const KEEP_CHUNK_CHARS = 64;
const KEEP_CHUNKS = 200_000;
/** PostgreSQL's limits: positions up to 16383, 256 of them per lexeme; bodies indexed up to this. */
const MAX_POS = 16_383;
const MAX_POSITIONS = 256;
const BODY_CHARS = 200_000;

const known = new Map<string, Chunk>();

const quote = (lex: string) => `'${lex.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** Chunks of a text: what lies between white space. */
const chunksOf = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * Reads a tsvector's text form (`'word':1,3A 'it''s':2`) into lexemes with positions. The
 * configurations give no weights here; a lexeme without positions (none from to_tsvector) is skipped.
 */
export function parseTsvector(text: string): [string, number][] {
  const out: [string, number][] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      i++;
      continue;
    }
    let lex = '';
    for (i++; i < text.length; i++) {
      const c = text[i];
      if (c === "'" && text[i + 1] === "'") (lex += "'"), i++;
      else if (c === '\\') lex += text[++i];
      else if (c === "'") break;
      else lex += c;
    }
    i++;
    if (text[i] !== ':') continue;
    const m = /^:([0-9A-D,]+)/.exec(text.slice(i, i + 2000));
    if (!m) continue;
    for (const p of m[1].split(',')) out.push([lex, parseInt(p, 10)]);
    i += m[0].length;
  }
  return out;
}

/**
 * Every given chunk with its lexemes: those not known yet are looked up in PostgreSQL (one
 * statement for all of them). The answer is gathered right after that statement, before anything
 * else can run, so another call clearing the cache meanwhile takes nothing away from it.
 */
async function lexemesOf(q: Queryable, chunks: Set<string>) {
  const missing = [...chunks].filter((c) => !known.has(c));
  const { rows } = missing.length
    ? await q.query<{ r: string; s: string }>(
        `select to_tsvector('russian', c)::text as r, to_tsvector('simple', c)::text as s from unnest($1::text[]) with ordinality as t(c, n) order by n`,
        [missing],
      )
    : { rows: [] };
  const found = new Map<string, Chunk>();
  missing.forEach((c, i) => {
    const seen = new Set<string>();
    const lexemes: [string, number][] = [];
    for (const [lex, pos] of [...parseTsvector(rows[i].r), ...parseTsvector(rows[i].s)]) {
      const quoted = quote(lex);
      if (seen.has(`${pos} ${quoted}`)) continue;
      seen.add(`${pos} ${quoted}`);
      lexemes.push([quoted, pos]);
    }
    lexemes.sort((a, b) => a[1] - b[1]);
    // a stop word has no lexeme but still takes its place, as in to_tsvector
    const span = lexemes.length ? lexemes[lexemes.length - 1][1] : /[\p{L}\p{N}]/u.test(c) ? 1 : 0;
    found.set(c, { lexemes, span });
  });
  for (const c of chunks) if (!found.has(c)) found.set(c, known.get(c)!);
  if (known.size + missing.length > KEEP_CHUNKS) known.clear();
  for (const c of missing) if (c.length <= KEEP_CHUNK_CHARS) known.set(c, found.get(c)!);
  return found;
}

/**
 * The search documents (tsvector literals, to cast with `::tsvector`) of several messages, with
 * one round trip to PostgreSQL for the chunks it has not seen yet. Runs on any connection; no
 * transaction needed.
 */
export async function buildSearchDocs(q: Queryable, docs: DocParts[]): Promise<string[]> {
  const parts = docs.map((d) => [
    { weight: 'A', chunks: chunksOf(d.subject) },
    { weight: 'B', chunks: [...chunksOf(d.from), ...chunksOf(d.fileNames.map((n) => n.replace(/[._-]+/g, ' ')).join(' '))] },
    { weight: 'D', chunks: chunksOf(d.body.slice(0, BODY_CHARS)) },
  ]);
  const all = new Set<string>();
  for (const p of parts) for (const w of p) for (const c of w.chunks) all.add(c);
  const lexemes = await lexemesOf(q, all);
  // the batch's lexemes numbered, so a message's document is made of numbers: each occurrence
  // one key (lexeme × 65536 + position × 4 + weight), sorted, then written out lexeme by lexeme
  const texts: string[] = [];
  const numbered = new Map<string, number>();
  const coded = new Map<string, { ids: number[]; rels: number[]; span: number }>();
  for (const [c, chunk] of lexemes) {
    const ids: number[] = [];
    const rels: number[] = [];
    for (const [lex, rel] of chunk.lexemes) {
      let id = numbered.get(lex);
      if (id === undefined) numbered.set(lex, (id = texts.push(lex) - 1));
      ids.push(id);
      rels.push(rel);
    }
    coded.set(c, { ids, rels, span: chunk.span });
  }
  const encoded = texts.map((t) => Buffer.from(t));
  let keys = new Float64Array(4096);
  let out = Buffer.allocUnsafe(64 * 1024);
  return parts.map((p) => {
    let n = 0;
    let at = 0;
    for (const { weight, chunks } of p) {
      const w = weight === 'A' ? 1 : weight === 'B' ? 2 : 0;
      for (const c of chunks) {
        const { ids, rels, span } = coded.get(c)!;
        if (n + ids.length > keys.length) {
          const grown = new Float64Array(keys.length * 2 + ids.length);
          grown.set(keys);
          keys = grown;
        }
        for (let i = 0; i < ids.length; i++) keys[n++] = ids[i] * 65536 + Math.min(MAX_POS, at + rels[i]) * 4 + w;
        at += span;
      }
    }
    const sorted = keys.subarray(0, n).sort();
    // written as bytes: joining thousands of short strings costs more than everything else here
    let len = 0;
    let lastId = -1;
    let lastPos = -1;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const key = sorted[i];
      const id = Math.floor(key / 65536);
      const code = key - id * 65536;
      const pos = code >> 2;
      if (out.length - len < 64 + encoded[id].length) {
        const grown = Buffer.allocUnsafe(out.length * 2 + encoded[id].length);
        out.copy(grown, 0, 0, len);
        out = grown;
      }
      if (id !== lastId) {
        if (lastId >= 0) out[len++] = SPACE;
        len += encoded[id].copy(out, len);
        out[len++] = COLON;
        lastId = id;
        lastPos = -1;
        count = 0;
      }
      // one weight per position (the lowest key: body, subject, sender); at most 256 positions,
      // and past the last position the same lexeme stays at 16383 once, as in PostgreSQL
      if (pos === lastPos || count === MAX_POSITIONS) continue;
      if (count) out[len++] = COMMA;
      len = writeNumber(out, len, pos);
      if (code & 3) out[len++] = code & 1 ? LETTER_A : LETTER_B;
      lastPos = pos;
      count++;
    }
    return out.toString('utf8', 0, len);
  });
}

const [SPACE, COLON, COMMA, LETTER_A, LETTER_B] = [' ', ':', ',', 'A', 'B'].map((c) => c.charCodeAt(0));

/** Writes a positive integer's digits at `at`; returns the end. */
function writeNumber(out: Buffer, at: number, value: number) {
  const digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : 5;
  for (let i = at + digits - 1; i >= at; i--) {
    out[i] = 48 + (value % 10);
    value = Math.floor(value / 10);
  }
  return at + digits;
}
