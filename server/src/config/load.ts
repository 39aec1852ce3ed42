import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { settings, type Config, type SettingKey } from './schema.ts';

export class ConfigError extends Error {}

/**
 * Builds the configuration from (lowest first) defaults, an optional JSON file named by
 * MAILROOM_CONFIG, the environment, and explicit overrides (tests, CLI flags).
 */
export function loadConfig(overrides: Partial<Record<SettingKey, unknown>> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const file: Record<string, unknown> = env.MAILROOM_CONFIG ? JSON.parse(readFileSync(env.MAILROOM_CONFIG, 'utf8')) : {};
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, s] of Object.entries(settings) as [SettingKey, (typeof settings)[SettingKey]][]) {
    let raw: unknown = file[key];
    const fromEnv = env[s.env];
    if (fromEnv !== undefined && fromEnv !== '') raw = fromEnv;
    if (key in overrides) raw = overrides[key];
    const parsed = (s.schema as z.ZodTypeAny).safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${s.env}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return out as Config;
}

/** Rows for `mailroom config`: variable, type, default, description, current value. */
export function describeConfig(config?: Config) {
  return (Object.entries(settings) as [SettingKey, (typeof settings)[SettingKey]][]).map(([key, s]) => {
    const json = z.toJSONSchema(s.schema as z.ZodTypeAny, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const type = (json.type as string) ?? (Array.isArray(json.anyOf) ? 'boolean' : Array.isArray(json.enum) ? (json.enum as string[]).join('|') : 'string');
    const secret = key === 'secretKey' || key === 'adminPassword' || key === 'databaseUrl';
    const current = config ? config[key] : undefined;
    const fallback = (s.schema as z.ZodTypeAny).safeParse(undefined);
    return {
      env: s.env,
      type: Array.isArray(json.enum) ? (json.enum as string[]).join('|') : type,
      default: fallback.success && fallback.data !== undefined ? String(fallback.data) : '',
      doc: s.doc,
      value: current === undefined ? '' : secret ? '(set)' : String(current),
    };
  });
}
