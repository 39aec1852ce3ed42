import type { Deps } from '../../deps.ts';
import { recordSentBatch, type SentItem } from './record.ts';

/** At most this many outcomes in one statement (a bound on its size; in practice batches are a few). */
const MAX_BATCH = 256;

/**
 * Group commit for "sent". An outcome is written at once when a write place is free; those that
 * arrive while all places are busy go together in the next statement, started the moment one ends.
 * So each waits at most one statement more than alone (the window where a crash means the message
 * is sent again stays that small), while the database sees one statement per batch instead of one
 * per message. PostgreSQL: up to 4 statements at once (a prepared statement, its commit not waiting
 * for the disk; see `recordSentBatch`). `issued` is told once the statement is the database's:
 * on PostgreSQL when it is sent (the server runs and commits what it has received even if we die),
 * on PGlite once it has run. PGlite: one at a time, on our own thread; when nothing waits on
 * `issued` (no OUTBOX_UNRECORDED_MAX gate, `gather`), the first outcome of a batch waits 5 ms for
 * others to join it (a statement's fixed part there costs about as much as five rows, and its time
 * is taken from the senders; bench/outbox.ts drained ~8% faster than with 2 ms, batches of ~15).
 */
export class SentRecorder {
  private waiting: { item: SentItem; done: (written: boolean) => void; fail: (err: unknown) => void; issued?: () => void }[] = [];
  private writing = 0;
  private scheduled = false;
  private places: number;
  private gatherMs: number;

  constructor(private deps: Pick<Deps, 'db'>, private workerId: string, gather: boolean) {
    const pglite = deps.db.kind === 'pglite';
    this.places = pglite ? 1 : 4;
    this.gatherMs = pglite && gather ? 5 : 0;
  }

  /** Resolves true once written, false when the message's lease had been taken by another worker; `issued` as above, called once. */
  add(item: SentItem, issued?: () => void) {
    return new Promise<boolean>((done, fail) => {
      this.waiting.push({ item, done, fail, issued });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.writing >= this.places || !this.waiting.length) return;
    if (this.gatherMs <= 0) return void this.write();
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      void this.write();
    }, this.gatherMs);
  }

  private async write() {
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (!batch.length) return;
    this.writing++;
    let told = false;
    const tell = () => {
      if (told) return;
      told = true;
      for (const b of batch) b.issued?.();
    };
    try {
      // PostgreSQL: told once the statement is on the server's connection; PGlite: once it has run
      const written = await recordSentBatch(this.deps, this.workerId, batch.map((b) => b.item), this.deps.db.kind === 'postgres' ? tell : undefined);
      for (const b of batch) b.done(written.has(b.item.m.id));
    } catch (err) {
      for (const b of batch) b.fail(err);
    } finally {
      tell();
      this.writing--;
      this.schedule();
    }
  }
}
