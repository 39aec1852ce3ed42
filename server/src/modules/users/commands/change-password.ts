import type { Deps } from '../../../deps.ts';
import { AppError } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { hashPassword, verifyPassword } from '../password.ts';
import { updateUserRow, userById } from '../store.ts';

/** Changes one's own password; other sessions of the person are signed out. */
export async function changePassword(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, current: string, next: string) {
  if (actor.via !== 'session') throw new AppError('FORBIDDEN', 'Sign in with your password to change it.');
  const user = (await userById(deps.db, actor.userId))!;
  if (!(await verifyPassword(user.password_hash, current))) throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong.', { field: 'current' });
  const passwordHash = await hashPassword(next);
  await deps.db.tx(async (tx) => {
    await updateUserRow(tx, user.id, { passwordHash });
    await tx.query('delete from sessions where user_id = $1 and id is distinct from $2', [user.id, actor.sessionId ?? null]);
    await deps.bus.emit(tx, { orgId: user.org_id, type: 'auth.revoked', payload: { sessionId: null, exceptSessionId: actor.sessionId ?? null }, userIds: [user.id] });
  });
}
