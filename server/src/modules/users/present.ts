import type { Department, Group, User } from '@mailroom/contract';
import type { DepartmentRow, GroupRow } from './org-store.ts';
import type { UserRow } from './store.ts';

export const presentUser = (r: UserRow): User => ({
  id: r.id,
  login: r.login,
  name: r.name,
  email: r.email,
  role: r.role,
  language: r.language,
  timeZone: r.time_zone,
  sendKey: r.send_key,
  departmentId: r.department_id,
  departmentName: r.department_name,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
});

export const presentDepartment = (r: DepartmentRow): Department => ({ id: r.id, name: r.name, parentId: r.parent_id, memberCount: r.member_count });
export const presentGroup = (r: GroupRow): Group => ({ id: r.id, name: r.name, memberIds: r.member_ids });
