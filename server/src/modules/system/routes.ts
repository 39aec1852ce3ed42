import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../platform/errors/index.ts';
import { buildOpenApi } from '../../platform/http/openapi.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';

const tag = 'system';

/** Health, readiness, metrics and the OpenAPI document (built lazily from every other route). */
export function systemRoutes(deps: Deps, allRoutes: () => RouteDef[], version: string): RouteDef[] {
  let openapi: unknown;
  return [
    defineRoute({
      method: 'GET', url: '/healthz', access: 'public', tag, summary: 'The process is alive', response: z.object({ status: z.literal('ok') }),
      handler: async () => ({ status: 'ok' }),
    }),
    defineRoute({
      method: 'GET', url: '/readyz', access: 'public', tag, summary: 'The process can serve: its database answers',
      response: z.object({ status: z.literal('ready'), db: z.string(), node: z.string() }),
      handler: async () => {
        try {
          await deps.db.query('select 1');
        } catch {
          throw new AppError('NOT_READY');
        }
        return { status: 'ready', db: deps.db.kind, node: deps.bus.nodeId };
      },
    }),
    defineRoute({
      method: 'GET', url: '/metrics', access: 'public', tag, summary: 'Prometheus metrics', raw: true,
      handler: async ({ reply }) => {
        reply.header('content-type', deps.metrics.registry.contentType);
        return deps.metrics.registry.metrics();
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/openapi.json', access: 'public', tag, summary: 'This document',
      handler: async () => (openapi ??= buildOpenApi(allRoutes(), version)),
    }),
  ];
}
