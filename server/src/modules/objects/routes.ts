import { z } from 'zod';
import { BusinessObject, ObjectExternalId, ObjectType, Ok, PutObject } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';
import { accessObject } from './access.ts';
import { putObject } from './commands/put-object.ts';
import { removeObject } from './commands/remove-object.ts';
import { presentObject } from './present.ts';

const Ref = z.object({ type: ObjectType, id: ObjectExternalId });
const tag = 'objects';

export function objectRoutes(deps: Deps): RouteDef[] {
  return [
    defineRoute({
      method: 'PUT', url: '/api/v1/objects/:type/:id', access: 'application', tag, summary: 'Register or update a business object and who may see it',
      params: Ref, body: PutObject, response: BusinessObject,
      example: { title: 'Contract 17/2026', url: 'https://erp.example/contracts/17', access: { mode: 'list', userIds: [], groupIds: [], departmentIds: [] } },
      handler: async ({ actor, params, body }) => presentObject(await putObject(deps, actor!, params.type, params.id, body)),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/objects/:type/:id', access: 'object', tag, summary: 'A business object I may see', params: Ref, response: BusinessObject,
      handler: async ({ actor, params }) => presentObject(await accessObject(deps, actor!, params)),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/objects/:type/:id', access: 'application', tag, summary: 'Remove a business object', params: Ref, response: Ok,
      handler: async ({ actor, params }) => (await removeObject(deps, actor!, params.type, params.id), { ok: true }),
    }),
  ];
}
