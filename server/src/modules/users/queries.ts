import type { Queryable } from '../../platform/db/index.ts';
import { listDepartments, listGroups } from './org-store.ts';
import { presentDepartment, presentGroup, presentUser } from './present.ts';
import { searchUsers } from './store.ts';

const encodeCursor = (v: [string, string]) => Buffer.from(JSON.stringify(v)).toString('base64url');
function decodeCursor(c?: string): [string, string] | undefined {
  if (!c) return undefined;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString());
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) return v as [string, string];
  } catch {
    // a damaged cursor starts from the beginning
  }
  return undefined;
}

/** A page of the organisation's people, by name, filtered by text (name, login, address, department). */
export async function listUsers(q: Queryable, orgId: string, opts: { q?: string; departmentId?: string; ids?: string[]; limit: number; cursor?: string }) {
  const rows = await searchUsers(q, orgId, { ...opts, after: decodeCursor(opts.cursor) });
  const more = rows.length > opts.limit;
  const items = rows.slice(0, opts.limit);
  const last = items[items.length - 1];
  return { items: items.map(presentUser), nextCursor: more && last ? encodeCursor([last.name.toLowerCase(), last.id]) : null };
}

export async function departmentList(q: Queryable, orgId: string) {
  return { items: (await listDepartments(q, orgId)).map(presentDepartment) };
}

export async function groupList(q: Queryable, orgId: string) {
  return { items: (await listGroups(q, orgId)).map(presentGroup) };
}
