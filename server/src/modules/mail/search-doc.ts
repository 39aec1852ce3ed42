import type { Queryable } from '../../platform/db/index.ts';
import { ChunkTable, eachChunk } from './chunk-table.ts';

/**
 * Search documents built in the application for mail taken in bulk (a first synchronisation of an
 * outside account: thousands of messages, most of their words the same).
 *
 * The words themselves are still read by PostgreSQL, so they match what `websearch_to_tsquery`
 * makes of a search: each distinct run of text between spaces (a "chunk") is put through
 * `to_tsvector` in the Russian configuration once, and its lexemes are kept
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
 * A chunk's lexemes, as numbers in the lexicon it was read with, each followed by its position
 * inside the chunk (from 1, ascending), and how many positions the chunk takes.
 */
interface Chunk { data: Int32Array; span: number }

/**
 * Every lexeme met so far, numbered (quoted for a tsvector literal and encoded once), and the
 * chunks known so far. Past its size it is replaced by an empty one; a call keeps the one it began
 * with, so a call running meanwhile takes nothing away from it.
 */
class Lexicon {
  readonly texts: Buffer[] = [];
  /** The same lexemes as they go in the binary form: UTF-8, ending with a zero byte. */
  readonly raws: Buffer[] = [];
  readonly numbers = new Map<string, number>();
  readonly chunks = new ChunkTable<Chunk>();
  /** Lexeme numbers in PostgreSQL's order of lexemes (their bytes), and each one's place in it. */
  private order: number[] = [];
  private rank = new Int32Array(1024);
  private unranked: number[] = [];
  number(lexeme: string) {
    let id = this.numbers.get(lexeme);
    if (id === undefined) {
      id = this.texts.push(Buffer.from(quote(lexeme))) - 1;
      this.raws.push(Buffer.from(`${lexeme}\0`));
      this.numbers.set(lexeme, id);
      this.unranked.push(id);
    }
    return id;
  }

  /**
   * Every lexeme's place in PostgreSQL's order: by bytes, a shorter one before a longer one it
   * begins (as `tsCompareString`; the zero byte ending each of `raws` sorts first, so comparing
   * them gives that order). Lexemes met since the last call are sorted and put in by binary search.
   */
  places() {
    if (!this.unranked.length) return this.rank;
    const byBytes = (a: number, b: number) => Buffer.compare(this.raws[a], this.raws[b]);
    const fresh = this.unranked.sort(byBytes);
    this.unranked = [];
    const merged: number[] = [];
    let from = 0;
    for (const id of fresh) {
      let lo = from;
      let hi = this.order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (byBytes(this.order[mid], id) < 0) lo = mid + 1;
        else hi = mid;
      }
      for (let i = from; i < lo; i++) merged.push(this.order[i]);
      merged.push(id);
      from = lo;
    }
    for (let i = from; i < this.order.length; i++) merged.push(this.order[i]);
    this.order = merged;
    if (this.rank.length < this.texts.length) this.rank = new Int32Array(this.texts.length * 2);
    for (let i = 0; i < merged.length; i++) this.rank[merged[i]] = i;
    return this.rank;
  }
}

/** Longer chunks (base64 runs, long links) are looked up each time, not kept. */
const KEEP_CHUNK_CHARS = 64;
const KEEP_CHUNKS = 200_000;
const KEEP_LEXEMES = 400_000;
/** PostgreSQL's limits: positions up to 16383, 256 of them per lexeme; bodies indexed up to this. */
const MAX_POS = 16_383;
const MAX_POSITIONS = 256;
const BODY_CHARS = 200_000;

let lexicon = new Lexicon();

const quote = (lex: string) => `'${lex.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

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
 * The chunks PostgreSQL has not read for this lexicon yet, put through `to_tsvector` (one
 * statement for all of them). Short ones are kept in the lexicon; all are returned.
 */
async function lookUp(q: Queryable, lex: Lexicon, missing: string[]) {
  const found = new Map<string, Chunk>();
  if (!missing.length) return found;
  const { rows } = await q.query<{ r: string }>(
    `select to_tsvector('russian', c)::text as r from unnest($1::text[]) with ordinality as t(c, n) order by n`,
    [missing],
  );
  missing.forEach((c, i) => {
    const pairs = parseTsvector(rows[i].r).map(([lexeme, pos]): [number, number] => [lex.number(lexeme), pos]);
    pairs.sort((a, b) => a[1] - b[1]);
    // a stop word has no lexeme but still takes its place, as in to_tsvector
    const span = pairs.length ? pairs[pairs.length - 1][1] : /[\p{L}\p{N}]/u.test(c) ? 1 : 0;
    const chunk = { data: Int32Array.from(pairs.flat()), span };
    found.set(c, chunk);
    if (c.length <= KEEP_CHUNK_CHARS) lex.chunks.set(c, chunk);
  });
  return found;
}

/** A part of a message: its weight's code (D 0, A 1, B 2: the lowest wins a shared position) and its chunks. */
type Part = { code: number; chunks: (Chunk | string)[] };

/**
 * The search documents (to cast with `::tsvector`) of several messages, with one round trip to
 * PostgreSQL for the chunks it has not seen yet. Runs on any connection; no transaction needed.
 * `binary`: in tsvector's binary form (a Buffer, sent as a binary value by node-postgres and by
 * our PGlite), lexemes in PostgreSQL's order; else tsvector literals (tests compare the two).
 * Reading the literals back was a quarter of the database's work per message in a first
 * synchronisation (bench/imap-sync.ts).
 */
export async function buildSearchDocs(q: Queryable, docs: DocParts[], binary = false): Promise<(string | Buffer)[]> {
  if (lexicon.chunks.size > KEEP_CHUNKS || lexicon.texts.length > KEEP_LEXEMES) lexicon = new Lexicon();
  const lex = lexicon;
  // each chunk is looked up once here; those not known yet stay text until PostgreSQL has read them
  const missing = new Set<string>();
  const resolve = (text: string) => {
    const out: (Chunk | string)[] = [];
    eachChunk(text, (start, end, hash) => {
      const known = lex.chunks.find(text, start, end, hash);
      if (known) return out.push(known);
      const c = text.slice(start, end);
      missing.add(c);
      out.push(c);
    });
    return out;
  };
  const parts: Part[][] = [];
  for (const d of docs) {
    if (parts.length % YIELD_EVERY === YIELD_EVERY - 1) await yieldTurn();
    parts.push([
      { code: 1, chunks: resolve(d.subject) },
      { code: 2, chunks: [...resolve(d.from), ...resolve(d.fileNames.map((n) => n.replace(/[._-]+/g, ' ')).join(' '))] },
      { code: 0, chunks: resolve(d.body.slice(0, BODY_CHARS)) },
    ]);
  }
  const found = await lookUp(q, lex, [...missing]);
  const places = lex.places();
  const out: (string | Buffer)[] = [];
  for (const p of parts) {
    if (out.length % YIELD_EVERY === YIELD_EVERY - 1) await yieldTurn();
    out.push(writeDoc(lex, places, p, found, binary));
  }
  return out;
}

/**
 * Documents made between turns of the event loop: a batch's documents take tens of milliseconds,
 * and answers waiting meanwhile (on PGlite, those of the transaction storing the previous batch,
 * from its thread) would hold up the work that waits for them.
 */
const YIELD_EVERY = 25;
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Scratch space reused from message to message (grown when a message needs more). */
let occIds = new Int32Array(16_384);
let occCodes = new Int32Array(16_384);
let occSlots = new Int32Array(16_384);
let grouped = new Int32Array(16_384);
let slotIds = new Int32Array(16_384);
/** Where each slot's occurrences start (one more than the slots: the last slot's count goes past it). */
let slotStarts = new Int32Array(16_384 + 1);
let sortKeys = new Float64Array(16_384);
let slotOf = new Int32Array(65_536).fill(-1);
let out = Buffer.allocUnsafe(64 * 1024);

/** Slots per document are below this: a sort key is a lexeme's place × SLOTS + its slot. */
const SLOTS = 2 ** 20;

/**
 * One message's document: every occurrence of a lexeme (its number and position × 4 + weight
 * code) in reading order, so positions ascend; grouped by lexeme in one counting pass; written
 * out lexeme by lexeme as bytes (joining thousands of short strings cost more than all the rest),
 * in PostgreSQL's order of lexemes (`places`): reading a document whose lexemes are out of order,
 * PostgreSQL sorts them, and on PGlite that sort was a tenth of its work per synchronised message.
 * Typed arrays and plain loops throughout: this runs for every message of a synchronisation.
 */
function writeDoc(lex: Lexicon, places: Int32Array, p: Part[], found: Map<string, Chunk>, binary: boolean) {
  let n = 0;
  let at = 0;
  for (let pi = 0; pi < p.length; pi++) {
    const w = p[pi].code;
    const chunks = p[pi].chunks;
    for (let ci = 0; ci < chunks.length; ci++) {
      const c = chunks[ci];
      const chunk = typeof c === 'string' ? found.get(c)! : c;
      const data = chunk.data;
      if (n + data.length > occIds.length) {
        occIds = grow(occIds, n + data.length);
        occCodes = grow(occCodes, n + data.length);
      }
      for (let k = 0; k < data.length; k += 2) {
        const pos = at + data[k + 1];
        occIds[n] = data[k];
        occCodes[n++] = (pos < MAX_POS ? pos : MAX_POS) * 4 + w;
      }
      at += chunk.span;
    }
  }
  if (slotOf.length < lex.texts.length) {
    const bigger = new Int32Array(lex.texts.length * 2).fill(-1);
    bigger.set(slotOf);
    slotOf = bigger;
  }
  if (grouped.length < n) {
    grouped = new Int32Array(n * 2);
    occSlots = new Int32Array(n * 2);
    slotIds = new Int32Array(n * 2);
    slotStarts = new Int32Array(n * 2 + 1);
    sortKeys = new Float64Array(n * 2);
  }
  // slots in order of first occurrence, counting the occurrences of each in slotStarts[slot + 1]
  let slots = 0;
  for (let i = 0; i < n; i++) {
    const id = occIds[i];
    let s = slotOf[id];
    if (s < 0) {
      s = slotOf[id] = slots++;
      slotIds[s] = id;
      slotStarts[s + 1] = 0;
    }
    slotStarts[s + 1]++;
    occSlots[i] = s;
  }
  slotStarts[0] = 0;
  for (let s = 0; s < slots; s++) slotStarts[s + 1] += slotStarts[s];
  // each occurrence to its slot's next free place; afterwards slotStarts[s] is where slot s ends
  for (let i = 0; i < n; i++) grouped[slotStarts[occSlots[i]]++] = occCodes[i];
  const keys = sortKeys.subarray(0, slots);
  for (let s = 0; s < slots; s++) {
    keys[s] = places[slotIds[s]] * SLOTS + s;
    slotOf[slotIds[s]] = -1;
  }
  keys.sort();
  let len = 0;
  // binary (tsvector_recv): the number of lexemes; each as UTF-8 ending with a zero byte, its
  // number of positions (16 bits) and the positions (16 bits each: weight in the top two, A 3, B 2, D 0)
  if (binary) len = out.writeInt32BE(slots, 0);
  for (let k = 0; k < slots; k++) {
    const s = keys[k] % SLOTS;
    const text = binary ? lex.raws[slotIds[s]] : lex.texts[slotIds[s]];
    // at most 256 positions of up to 5 digits and a weight, with commas
    if (out.length - len < text.length + 4 + MAX_POSITIONS * 7) {
      const bigger = Buffer.allocUnsafe(out.length * 2 + text.length + MAX_POSITIONS * 7);
      out.copy(bigger, 0, 0, len);
      out = bigger;
    }
    if (k && !binary) out[len++] = SPACE;
    if (text.length <= 32) for (let i = 0; i < text.length; i++) out[len++] = text[i];
    else len += text.copy(out, len);
    const countAt = len;
    len += binary ? 2 : ((out[len] = COLON), 1);
    let count = 0;
    const last = slotStarts[s];
    for (let i = s ? slotStarts[s - 1] : 0; i < last && count < MAX_POSITIONS; ) {
      const pos = grouped[i] >> 2;
      // one weight per position: the lowest code among the occurrences there (past the last
      // position the same lexeme stays at 16383 once, as in PostgreSQL)
      let w = grouped[i] & 3;
      for (i++; i < last && grouped[i] >> 2 === pos; i++) if ((grouped[i] & 3) < w) w = grouped[i] & 3;
      if (binary) {
        const v = pos | (w === 1 ? 0xc000 : w === 2 ? 0x8000 : 0);
        out[len++] = v >> 8;
        out[len++] = v & 0xff;
      } else {
        if (count) out[len++] = COMMA;
        len = writeNumber(out, len, pos);
        if (w) out[len++] = w === 1 ? LETTER_A : LETTER_B;
      }
      count++;
    }
    if (binary) {
      out[countAt] = count >> 8;
      out[countAt + 1] = count & 0xff;
    }
  }
  return binary ? Buffer.from(out.subarray(0, len)) : out.toString('utf8', 0, len);
}

function grow(a: Int32Array, need: number) {
  const bigger = new Int32Array(Math.max(a.length * 2, need));
  bigger.set(a);
  return bigger;
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
