import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig, settings } from '../src/config/index.ts';

describe('configuration', () => {
  it('has a default or is optional for every setting, so nothing is needed to start', () => {
    const c = loadConfig({}, {});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: './data', databaseUrl: undefined, mailDomain: 'mailroom.local', serveWeb: true });
  });

  it('reads the environment with types', () => {
    const c = loadConfig({}, { PORT: '9090', WORKERS: 'false', LOGIN_MAX_FAILURES: '7', DATABASE_URL: 'postgres://x@127.0.0.1/y' });
    expect(c).toMatchObject({ port: 9090, workers: false, loginMaxFailures: 7, databaseUrl: 'postgres://x@127.0.0.1/y' });
  });

  it('names every bad variable', () => {
    try {
      loadConfig({}, { PORT: 'eighty', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('describes every setting with its variable, type, default and a sentence, and hides secrets', () => {
    const rows = describeConfig(loadConfig({}, { SECRET_KEY: 'x'.repeat(40) }));
    expect(rows).toHaveLength(Object.keys(settings).length);
    for (const r of rows) {
      expect(r.env).toMatch(/^[A-Z_]+$/);
      expect(r.type).toBeTruthy();
      expect(r.doc.length).toBeGreaterThan(10);
    }
    expect(rows.find((r) => r.env === 'PORT')).toMatchObject({ type: 'integer', default: '8080' });
    expect(rows.find((r) => r.env === 'WORKERS')).toMatchObject({ type: 'boolean', default: 'true' });
    expect(rows.find((r) => r.env === 'SECRET_KEY')!.value).toBe('(set)');
  });
});
