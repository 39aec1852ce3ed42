import { z } from 'zod';
import { Id, Line } from './common.ts';
import { User } from './users.ts';

export const LoginRequest = z.object({ login: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(256) }).strict();
export const SessionInfo = z.object({ user: User, csrfToken: z.string().nullable(), via: z.enum(['session', 'user-token']) });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ApiKey = z.object({ id: Id, name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });
export type ApiKey = z.infer<typeof ApiKey>;
export const CreateApiKey = z.object({ name: Line(100) }).strict();
export const CreatedApiKey = ApiKey.extend({ key: z.string() });
export const ApiKeyList = z.object({ items: z.array(ApiKey) });

/** A host application mints a short-lived token for one of its users (embedded widgets). */
export const MintUserToken = z.object({
  userId: Id.optional(),
  login: z.string().trim().toLowerCase().max(64).optional(),
  ttlSeconds: z.number().int().min(30).max(86400).optional(),
}).strict().refine((v) => Boolean(v.userId) !== Boolean(v.login), { message: 'Give exactly one of userId or login', path: ['userId'] });
export const UserToken = z.object({ token: z.string(), expiresAt: z.string() });
