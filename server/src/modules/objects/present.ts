import type { BusinessObject } from '@mailroom/contract';
import type { ObjectRow } from './store.ts';

export const presentObject = (r: ObjectRow): BusinessObject => ({
  id: r.id,
  type: r.type,
  externalId: r.external_id,
  title: r.title,
  url: r.url,
  accessMode: r.access_mode,
  updatedAt: new Date(r.updated_at).toISOString(),
});
