/**
 * A very small IndexedDB wrapper: one database, key-value stores with a key path. When IndexedDB
 * is not available (some private modes) it falls back to memory, so the page still works.
 */
const DB = 'mailroom';
const VERSION = 1;
const STORES = { outgoing: 'clientId' } as const;
export type StoreName = keyof typeof STORES;

let opening: Promise<IDBDatabase | null> | null = null;
const memory = new Map<StoreName, Map<string, unknown>>();

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB, VERSION);
      req.onupgradeneeded = () => {
        for (const [name, keyPath] of Object.entries(STORES)) if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name, { keyPath });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

const mem = (store: StoreName) => memory.get(store) ?? memory.set(store, new Map()).get(store)!;

function run<T>(store: StoreName, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        if (!db) return reject(new Error('no IndexedDB'));
        const tx = db.transaction(store, mode);
        const req = work(tx.objectStore(store));
        // resolve when the transaction is durable, not merely when the request succeeded
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

export async function idbAll<T>(store: StoreName): Promise<T[]> {
  try {
    return await run<T[]>(store, 'readonly', (s) => s.getAll() as IDBRequest<T[]>);
  } catch {
    return [...mem(store).values()] as T[];
  }
}

export async function idbGet<T>(store: StoreName, key: string): Promise<T | undefined> {
  try {
    return await run<T | undefined>(store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
  } catch {
    return mem(store).get(key) as T | undefined;
  }
}

export async function idbPut<T extends object>(store: StoreName, value: T): Promise<void> {
  try {
    await run(store, 'readwrite', (s) => s.put(value));
  } catch {
    mem(store).set(String((value as Record<string, unknown>)[STORES[store]]), value);
  }
}

export async function idbDelete(store: StoreName, key: string): Promise<void> {
  try {
    await run(store, 'readwrite', (s) => s.delete(key));
  } catch {
    mem(store).delete(key);
  }
}
