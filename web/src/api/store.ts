import { useSyncExternalStore } from 'react';

/** A tiny observable value shared outside React's tree (event stream status, mail alerts). */
export function createStore<T>(initial: T) {
  let value = initial;
  const subscribers = new Set<() => void>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      for (const s of subscribers) s();
    },
    subscribe(cb: () => void) {
      subscribers.add(cb);
      return () => void subscribers.delete(cb);
    },
  };
}

export function useStore<T>(store: ReturnType<typeof createStore<T>>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
