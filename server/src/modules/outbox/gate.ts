/**
 * A counted gate: at most `places` holders at once; the others wait in order and are let in
 * synchronously, inside the `free` that makes room (no turn of the event loop in between). The
 * outbox worker keeps one per destination for the span from a message's last line going out to its
 * outcome being handed to the database (`OUTBOX_UNRECORDED_MAX`).
 */
export class Gate {
  private taken = 0;
  private queue: (() => void)[] = [];

  constructor(private places: number) {}

  /** Calls `go` at once when a place is free, else as soon as one is; every entry is matched by one `free`. */
  enter(go: () => void) {
    if (this.taken < this.places) {
      this.taken++;
      return go();
    }
    this.queue.push(go);
  }

  free() {
    const next = this.queue.shift();
    if (next) next();
    else this.taken--;
  }
}
