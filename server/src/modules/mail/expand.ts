import type { Party, RecipientRef } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors/index.ts';

export type Role = 'to' | 'cc' | 'bcc';
export interface Expanded {
  /** Each person once, with the strongest role (to > cc > bcc) and how they were reached. */
  people: Map<string, { role: Role; via: string | null }>;
  parties: Record<Role, Party[]>;
  /** The record kept on the message: each group or department with the people it meant then. */
  expansion: { kind: 'group' | 'department'; id: string; name: string; userIds: string[] }[];
}

const rank: Record<Role, number> = { to: 0, cc: 1, bcc: 2 };

/** Resolves users, groups and departments (with sub-departments) of the organisation into people, at send time. */
export async function expandRecipients(q: Queryable, orgId: string, lists: Record<Role, RecipientRef[]>): Promise<Expanded> {
  const people = new Map<string, { role: Role; via: string | null }>();
  const parties: Record<Role, Party[]> = { to: [], cc: [], bcc: [] };
  const expansion: Expanded['expansion'] = [];
  const add = (userId: string, role: Role, via: string | null) => {
    const had = people.get(userId);
    if (!had || rank[role] < rank[had.role] || (rank[role] === rank[had.role] && had.via && !via)) people.set(userId, { role, via });
  };
  for (const role of ['to', 'cc', 'bcc'] as const) {
    for (const [i, ref] of lists[role].entries()) {
      if (ref.kind === 'user') {
        const { rows } = await q.query<{ id: string; name: string; email: string }>('select id, name, email from users where id = $1 and org_id = $2 and active', [ref.id, orgId]);
        if (!rows[0]) throw invalid(`${role}.${i}`, 'No such person');
        parties[role].push({ kind: 'user', id: rows[0].id, name: rows[0].name, email: rows[0].email });
        add(rows[0].id, role, null);
        continue;
      }
      const table = ref.kind === 'group' ? 'groups' : 'departments';
      const { rows } = await q.query<{ name: string }>(`select name from ${table} where id = $1 and org_id = $2`, [ref.id, orgId]);
      if (!rows[0]) throw invalid(`${role}.${i}`, ref.kind === 'group' ? 'No such group' : 'No such department');
      const members =
        ref.kind === 'group'
          ? await q.query<{ id: string }>('select u.id from group_members m join users u on u.id = m.user_id where m.group_id = $1 and u.active order by u.id', [ref.id])
          : await q.query<{ id: string }>(
              `with recursive down as (select $1::uuid as id union select d.id from departments d join down on d.parent_id = down.id)
               select u.id from users u where u.department_id in (select id from down) and u.active order by u.id`,
              [ref.id],
            );
      const userIds = members.rows.map((r) => r.id);
      parties[role].push({ kind: ref.kind, id: ref.id, name: rows[0].name, email: null });
      expansion.push({ kind: ref.kind, id: ref.id, name: rows[0].name, userIds });
      for (const u of userIds) add(u, role, rows[0].name);
    }
  }
  return { people, parties, expansion };
}
