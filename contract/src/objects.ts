import { z } from 'zod';
import { Id, Line } from './common.ts';

export const ObjectType = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'Use letters, digits, dot, colon, dash or underscore');
export const ObjectExternalId = z.string().min(1).max(200).regex(/^[^\u0000-\u001f\u007f/]+$/, 'No control characters or slashes');

const HttpUrl = z.string().url().max(2000).refine((u) => /^https?:\/\//i.test(u), 'Only http and https links');

export const ObjectAccess = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('list'),
    userIds: z.array(Id).max(100000).default([]),
    groupIds: z.array(Id).max(10000).default([]),
    departmentIds: z.array(Id).max(10000).default([]),
  }),
  z.object({ mode: z.literal('callback'), url: HttpUrl }),
]);
export type ObjectAccess = z.infer<typeof ObjectAccess>;

export const PutObject = z.object({ title: Line(500), url: HttpUrl.nullable().optional(), access: ObjectAccess }).strict();
export type PutObject = z.infer<typeof PutObject>;

export const BusinessObject = z.object({
  id: Id,
  type: z.string(),
  externalId: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  accessMode: z.enum(['list', 'callback']),
  updatedAt: z.string(),
});
export type BusinessObject = z.infer<typeof BusinessObject>;
export const ObjectRef = z.object({ type: ObjectType, id: ObjectExternalId });
export type ObjectRef = z.infer<typeof ObjectRef>;

/** What Mailroom POSTs to an object's callback URL, and what it expects back. */
export const AccessCallbackRequest = z.object({ type: z.string(), id: z.string(), user: z.object({ id: Id, login: z.string() }) });
export const AccessCallbackResponse = z.object({ allowed: z.boolean() });
