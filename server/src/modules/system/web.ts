import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { errorCatalogue } from '@mailroom/contract';

/**
 * Serves the built web client: files by path, index.html for client-side routes.
 * Unknown /api paths stay JSON NOT_FOUND.
 */
export async function registerWeb(app: FastifyInstance, dir: string) {
  const available = existsSync(join(dir, 'index.html'));
  if (available) await app.register(fastifyStatic, { root: dir, serve: false });
  app.get('/*', { config: { access: 'public' } }, async (req, reply) => {
    const path = normalize((req.params as { '*': string })['*'] ?? '');
    if (path.startsWith('api/') || path === 'api' || !available) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: available ? errorCatalogue.NOT_FOUND.message : 'The web client is not built: run npm run build.', requestId: req.id } });
    }
    if (path && !path.startsWith('..') && extname(path) && existsSync(join(dir, path))) {
      const immutable = path.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(path);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
