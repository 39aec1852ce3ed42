import type { ClientFrame } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import type { Connection } from '../../platform/realtime/index.ts';
import { presenceOf, sameOrg, shownStatus } from './store.ts';

/**
 * A socket's `watch` frames (the people whose presence its client shows): it watches those of the
 * ids who are people of its organisation (others are dropped, unknown and foreign alike), and is
 * answered with how many and the presence of the newly watched as of now, read after the watch took
 * effect so that no change falls between. One check at a time per socket; frames that arrive
 * meanwhile collapse into the last one.
 */
export function watcher(deps: Pick<Deps, 'db' | 'hub' | 'log'>, conn: Connection) {
  let next: string[] | null = null;
  let running = false;
  const run = async () => {
    running = true;
    while (next) {
      const ids = [...new Set(next)];
      next = null;
      try {
        const allowed = await sameOrg(deps.db, conn.orgId, ids);
        if (next) continue;
        const before = conn.watching;
        deps.hub.watch(conn, allowed);
        const added = allowed.filter((id) => !before.has(id) && conn.watching.has(id));
        const rows = added.length ? await presenceOf(deps.db, conn.orgId, added) : [];
        conn.frame({ kind: 'watching', count: conn.watching.size, presence: rows.map((r) => ({ userId: r.user_id, status: shownStatus(r) })) });
      } catch (err) {
        deps.log.warn({ err }, 'watching presence failed');
      }
    }
    running = false;
  };
  return (f: ClientFrame) => {
    next = f.userIds;
    if (!running) void run();
  };
}
