import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from './actor.ts';

/**
 * Every route is classified; the authorization test walks the router and fails on any route without one.
 * - public: anyone
 * - authenticated: any signed-in caller, a person or a host application's API key
 * - person: a signed-in person only (session or user token): their own settings, their event stream
 * - administrator: a person with the administrator role, or a host application's API key
 * - application: a host application's API key only
 * - object: a person who may see the business object named in the path (NOT_FOUND otherwise), or an API key
 */
export const accessClasses = ['public', 'authenticated', 'person', 'administrator', 'application', 'object'] as const;
export type AccessClass = (typeof accessClasses)[number];

export interface RouteContext<B, Q, P> {
  actor: Actor | null;
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDef<B = any, Q = any, P = any> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: AccessClass;
  summary: string;
  tag: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  response?: z.ZodTypeAny;
  status?: number;
  /** A valid body, for the OpenAPI document and the generated authorization test. */
  example?: unknown;
  /** Raw responses (files, text) skip JSON presentation. */
  raw?: boolean;
  /** The body is not parsed: the handler gets the request stream (file uploads), whatever its type. */
  streamBody?: boolean;
  /** Skips the CSRF check (sign-in itself). */
  noCsrf?: boolean;
  handler(ctx: RouteContext<B, Q, P>): Promise<unknown>;
}

export const defineRoute = <B = any, Q = any, P = any>(def: RouteDef<B, Q, P>): RouteDef<B, Q, P> => def;
