import type { LookupFunction } from 'node:net';
import type { Config } from './config/index.ts';
import type { BlobStore } from './platform/blobs/index.ts';
import type { Db } from './platform/db/index.ts';
import type { EventBus } from './platform/events/index.ts';
import type { Logger } from './platform/log.ts';
import type { Hub } from './platform/realtime/index.ts';
import type { Metrics } from './platform/metrics.ts';
import type { Sealer } from './platform/crypto/seal.ts';

/** What commands, queries and routes receive: the process's shared services. */
export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
  bus: EventBus;
  hub: Hub;
  blobs: BlobStore;
  metrics: Metrics;
  /** Server secret for signing user tokens (from config or the database). */
  secret: Uint8Array;
  /** The time source; tests inject their own. */
  now: () => Date;
  /** Outgoing HTTP (access callbacks); tests may replace it. */
  fetch: typeof fetch;
  /** Seals and opens secrets at rest (external account passwords and tokens). */
  sealer: Sealer;
  /** Root certificates for external mail servers: Node's defaults plus ACCOUNT_TLS_CA_FILE. */
  mailCa: string[] | undefined;
  /** Resolves the names of external mail servers; undefined: the system's resolver (tests inject one). */
  mailLookup: LookupFunction | undefined;
}
