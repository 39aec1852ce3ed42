import { z } from 'zod';
import { errorCatalogue } from '@mailroom/contract';
import type { RouteDef } from './route.ts';

const json = (s: z.ZodTypeAny, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(defs: RouteDef[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of defs) {
    const path = d.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...d.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (d.query) {
      const q = json(d.query as z.ZodTypeAny, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) params.push({ name, in: 'query', required: (q.required ?? []).includes(name), schema } as never);
    }
    (paths[path] ??= {})[d.method.toLowerCase()] = {
      summary: d.summary,
      tags: [d.tag],
      'x-access': d.access,
      security: d.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      parameters: params.length ? params : undefined,
      requestBody: d.body
        ? { required: true, content: { 'application/json': { schema: json(d.body as z.ZodTypeAny, 'input'), example: d.example } } }
        : undefined,
      responses: {
        [String(d.status ?? 200)]: {
          description: 'Success',
          content: d.response ? { 'application/json': { schema: json(d.response, 'output') } } : undefined,
        },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Mailroom API', version },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'mr_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key (mrk_…) or a host-minted user token' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(errorCatalogue) },
                message: { type: 'string' },
                field: { type: 'string' },
                requestId: { type: 'string' },
                retryAfterSeconds: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  };
}
