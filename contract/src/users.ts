import { z } from 'zod';
import { Id, Language, Line, PageQuery, SendKey, TimeZone, page } from './common.ts';

export const Role = z.enum(['administrator', 'user']);
export type Role = z.infer<typeof Role>;

export const Login = z.string().trim().toLowerCase().min(2).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use letters a-z, digits, dot, dash or underscore');
export const Password = z.string().min(8).max(256);

export const User = z.object({
  id: Id,
  login: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  language: Language,
  timeZone: z.string(),
  sendKey: SendKey,
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const CreateUser = z.object({
  login: Login,
  name: Line(200),
  password: Password,
  role: Role.default('user'),
  language: Language.default('en'),
  timeZone: TimeZone.default('UTC'),
  departmentId: Id.nullable().optional(),
}).strict();
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z.object({
  name: Line(200).optional(),
  role: Role.optional(),
  departmentId: Id.nullable().optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
}).strict();
export type UpdateUser = z.infer<typeof UpdateUser>;

export const UserQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: Id.optional(),
  /** Comma-separated user ids (up to 200): fetch these people in one call. */
  ids: z.string().max(200 * 37).transform((s) => s.split(',').filter(Boolean)).pipe(z.array(Id).max(200)).optional(),
});
export const UserPage = page(User);

export const Settings = z.object({ language: Language, timeZone: z.string(), sendKey: SendKey });
export const UpdateSettings = z.object({ language: Language.optional(), timeZone: TimeZone.optional(), sendKey: SendKey.optional() }).strict();
export type UpdateSettings = z.infer<typeof UpdateSettings>;

export const ChangePassword = z.object({ current: z.string().min(1).max(256), next: Password }).strict();

export const Department = z.object({ id: Id, name: z.string(), parentId: Id.nullable(), memberCount: z.number().int() });
export type Department = z.infer<typeof Department>;
export const CreateDepartment = z.object({ name: Line(200), parentId: Id.nullable().optional() }).strict();
export const UpdateDepartment = z.object({ name: Line(200).optional(), parentId: Id.nullable().optional() }).strict();
export const DepartmentList = z.object({ items: z.array(Department) });

export const Group = z.object({ id: Id, name: z.string(), memberIds: z.array(Id) });
export type Group = z.infer<typeof Group>;
export const CreateGroup = z.object({ name: Line(200), memberIds: z.array(Id).max(10000).default([]) }).strict();
export const UpdateGroup = z.object({ name: Line(200).optional(), memberIds: z.array(Id).max(10000).optional() }).strict();
export const GroupList = z.object({ items: z.array(Group) });
