/**
 * Runs of text between white space ("chunks", as `text.split(/\s+/)` gives them) mapped to what is
 * known of them, looked up straight from the text they stand in: a message's body is scanned once,
 * and a chunk met before costs a hash of its characters and one comparison, with no string made
 * for it. (Splitting the body and looking each piece up in a Map was a quarter of the time spent
 * making a search document.)
 */
export class ChunkTable<V> {
  private keys: string[] = [];
  private values: V[] = [];
  private hashes: number[] = [];
  /** Open addressing: an entry's index + 1 by slot, 0 for an empty slot. */
  private slots = new Int32Array(1 << 12);

  get size() {
    return this.keys.length;
  }

  /** What is kept for `text.slice(start, end)`, whose `hashOf` is `hash`. */
  find(text: string, start: number, end: number, hash: number): V | undefined {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s];
      if (at === 0) return undefined;
      if (this.hashes[at - 1] !== hash) continue;
      const key = this.keys[at - 1];
      if (key.length !== length) continue;
      let i = 0;
      while (i < length && key.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === length) return this.values[at - 1];
    }
  }

  set(key: string, value: V) {
    const hash = hashOf(key, 0, key.length);
    if (this.find(key, 0, key.length, hash) !== undefined) return;
    // at most half full, so a search ends soon at an empty slot
    if ((this.keys.length + 1) * 2 > this.slots.length) this.grow();
    this.keys.push(key);
    this.values.push(value);
    this.hashes.push(hash);
    this.place(this.keys.length - 1);
  }

  private place(index: number) {
    const mask = this.slots.length - 1;
    let s = this.hashes[index] & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = index + 1;
  }

  private grow() {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let i = 0; i < this.keys.length; i++) this.place(i);
  }
}

/** FNV-1a over UTF-16 code units: the offset basis, and one unit folded in. */
const FNV_BASIS = 0x811c9dc5 | 0;
const fold = (h: number, unit: number) => Math.imul(h ^ unit, 16777619);

export function hashOf(text: string, start: number, end: number) {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = fold(h, text.charCodeAt(i));
  return h;
}

/** White space as `\s` in a regular expression has it. */
export function isSpace(c: number) {
  if (c > 32 && c < 127) return false;
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 160) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Calls `each(start, end, hash)` for every chunk of `text`, in order: what `text.split(/\s+/)`
 * gives, without the empty strings.
 */
export function eachChunk(text: string, each: (start: number, end: number, hash: number) => void) {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let h = FNV_BASIS;
    for (;;) {
      h = fold(h, c);
      if (++i >= n) break;
      c = text.charCodeAt(i);
      if (isSpace(c)) break;
    }
    each(start, i, h);
  }
}
