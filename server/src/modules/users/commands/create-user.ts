import type { CreateUser } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { AppError, invalid } from '../../../platform/errors/index.ts';
import { departmentById } from '../org-store.ts';
import { hashPassword } from '../password.ts';
import { insertUser, userById } from '../store.ts';

/** Creates a person in the organisation; their address is login@MAIL_DOMAIN. */
export async function createUser(deps: Pick<Deps, 'db' | 'config'>, orgId: string, input: CreateUser) {
  const passwordHash = await hashPassword(input.password);
  return deps.db.tx(async (tx) => {
    if (input.departmentId) {
      const d = await departmentById(tx, input.departmentId);
      if (!d || d.org_id !== orgId) throw invalid('departmentId', 'No such department');
    }
    const id = await insertUser(tx, {
      orgId,
      login: input.login,
      name: input.name,
      email: `${input.login}@${deps.config.mailDomain}`,
      passwordHash,
      role: input.role,
      language: input.language,
      timeZone: input.timeZone,
      departmentId: input.departmentId ?? null,
    });
    if (!id) throw new AppError('CONFLICT', 'This login is taken.', { field: 'login' });
    return (await userById(tx, id))!;
  });
}
