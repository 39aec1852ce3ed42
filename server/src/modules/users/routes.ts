import { z } from 'zod';
import {
  ChangePassword, CreateDepartment, CreateGroup, CreateUser, Department, DepartmentList, Group, GroupList, Id, Ok, Settings,
  UpdateDepartment, UpdateGroup, UpdateSettings, UpdateUser, User, UserPage, UserQuery,
} from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';
import { accessGroup, accessUser } from './access.ts';
import { changePassword } from './commands/change-password.ts';
import { createUser } from './commands/create-user.ts';
import { createDepartment } from './commands/create-department.ts';
import { createGroup } from './commands/create-group.ts';
import { deleteDepartment } from './commands/delete-department.ts';
import { deleteGroup } from './commands/delete-group.ts';
import { updateDepartment } from './commands/update-department.ts';
import { updateGroup } from './commands/update-group.ts';
import { updateSettings } from './commands/update-settings.ts';
import { updateUser } from './commands/update-user.ts';
import { presentDepartment, presentGroup, presentUser } from './present.ts';
import { departmentList, groupList, listUsers } from './queries.ts';

const ById = z.object({ id: Id });
const tag = 'people';

export function userRoutes(deps: Deps): RouteDef[] {
  return [
    defineRoute({
      method: 'PATCH', url: '/api/v1/me/settings', access: 'person', tag, summary: 'Change my language, time zone or send key',
      body: UpdateSettings, response: Settings, example: { language: 'pl' },
      handler: async ({ actor, body }) => {
        const u = presentUser(await updateSettings(deps, actor as UserActor, body));
        return { language: u.language, timeZone: u.timeZone, sendKey: u.sendKey };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/me/password', access: 'person', tag, summary: 'Change my password',
      body: ChangePassword, response: Ok, example: { current: 'old-password', next: 'new-password-1' },
      handler: async ({ actor, body }) => (await changePassword(deps, actor as UserActor, body.current, body.next), { ok: true }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/users', access: 'authenticated', tag, summary: 'Search people by name, login or department',
      query: UserQuery, response: UserPage,
      handler: ({ actor, query }) => listUsers(deps.db, actor!.orgId, query),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/users/:id', access: 'authenticated', tag, summary: 'One person', params: ById, response: User,
      handler: async ({ actor, params }) => presentUser(await accessUser(deps.db, actor!, params.id)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/users', access: 'administrator', tag, summary: 'Create a person', status: 201,
      body: CreateUser, response: User, example: { login: 'anna', name: 'Anna Nowak', password: 'long-password-1' },
      handler: async ({ actor, body }) => presentUser(await createUser(deps, actor!.orgId, body)),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/users/:id', access: 'administrator', tag, summary: "Change a person's name, role, department, status or password",
      params: ById, body: UpdateUser, response: User, example: { name: 'Anna Kowalska' },
      handler: async ({ actor, params, body }) => presentUser(await updateUser(deps, actor!, params.id, body)),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/departments', access: 'authenticated', tag, summary: 'All departments (flat; parentId makes the tree)', response: DepartmentList,
      handler: ({ actor }) => departmentList(deps.db, actor!.orgId),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/departments', access: 'administrator', tag, summary: 'Create a department', status: 201,
      body: CreateDepartment, response: Department, example: { name: 'Accounting' },
      handler: async ({ actor, body }) => presentDepartment(await createDepartment(deps, actor!, body)),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/departments/:id', access: 'administrator', tag, summary: 'Rename or move a department',
      params: ById, body: UpdateDepartment, response: Department, example: { name: 'Finance' },
      handler: async ({ actor, params, body }) => presentDepartment(await updateDepartment(deps, actor!, params.id, body)),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/departments/:id', access: 'administrator', tag, summary: 'Delete a department without sub-departments',
      params: ById, response: Ok,
      handler: async ({ actor, params }) => (await deleteDepartment(deps, actor!, params.id), { ok: true }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/groups', access: 'authenticated', tag, summary: 'All groups with their members', response: GroupList,
      handler: ({ actor }) => groupList(deps.db, actor!.orgId),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/groups/:id', access: 'authenticated', tag, summary: 'One group', params: ById, response: Group,
      handler: async ({ actor, params }) => presentGroup(await accessGroup(deps.db, actor!, params.id)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/groups', access: 'administrator', tag, summary: 'Create a group', status: 201,
      body: CreateGroup, response: Group, example: { name: 'Contract reviewers', memberIds: [] },
      handler: async ({ actor, body }) => presentGroup(await createGroup(deps, actor!, body)),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/groups/:id', access: 'administrator', tag, summary: 'Rename a group or replace its members',
      params: ById, body: UpdateGroup, response: Group, example: { name: 'Reviewers' },
      handler: async ({ actor, params, body }) => presentGroup(await updateGroup(deps, actor!, params.id, body)),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/groups/:id', access: 'administrator', tag, summary: 'Delete a group', params: ById, response: Ok,
      handler: async ({ actor, params }) => (await deleteGroup(deps, actor!, params.id), { ok: true }),
    }),
  ];
}
