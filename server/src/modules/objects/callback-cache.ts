/** Answers of access callbacks, trusted for a short time (OBJECT_ACCESS_CACHE_SECONDS). */
export class CallbackCache {
  private entries = new Map<string, { allowed: boolean; until: number }>();
  constructor(private maxEntries = 50_000) {}

  get(objectId: string, userId: string, now: number) {
    const e = this.entries.get(`${objectId}:${userId}`);
    if (!e) return undefined;
    if (e.until <= now) {
      this.entries.delete(`${objectId}:${userId}`);
      return undefined;
    }
    return e.allowed;
  }

  set(objectId: string, userId: string, allowed: boolean, until: number) {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${objectId}:${userId}`, { allowed, until });
  }

  forgetObject(objectId: string) {
    for (const k of this.entries.keys()) if (k.startsWith(`${objectId}:`)) this.entries.delete(k);
  }
}
