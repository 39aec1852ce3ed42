import type { RouteOptions } from 'fastify';
import { accessClasses } from '../../src/platform/http/route.ts';

/** Routes Fastify knows that carry no access class (HEAD twins of GET routes inherit theirs). */
export function unclassified(routes: RouteOptions[]) {
  return routes
    .filter((r) => !accessClasses.includes((r.config as { access?: never } | undefined)?.access as never))
    .map((r) => `${[r.method].flat().join(',')} ${r.url}`);
}

/** A concrete URL for a route pattern: ids filled with the given values or fresh random ones. */
export function fill(url: string, values: Record<string, string> = {}) {
  return url
    .replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? (name === 'type' ? 'doc' : crypto.randomUUID())))
    .replace(/\*$/, '');
}
