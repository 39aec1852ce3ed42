import { PGlite } from '@electric-sql/pglite';
let t = Date.now();
const a = await PGlite.create(); console.log('first', Date.now() - t); t = Date.now();
const b = await PGlite.create(); console.log('second', Date.now() - t); t = Date.now();
const c = await PGlite.create('/tmp/pgl-x'); console.log('dir new', Date.now() - t); t = Date.now();
await c.close();
const d = await PGlite.create('/tmp/pgl-x'); console.log('dir reopen', Date.now() - t); t = Date.now();
const dump = await b.dumpDataDir('none'); console.log('dump', Date.now() - t, dump.size); t = Date.now();
const e = await PGlite.create({ loadDataDir: dump }); console.log('from dump', Date.now() - t);
