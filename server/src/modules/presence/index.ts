export { presenceRoutes, announce } from './routes.ts';
export { touch } from './store.ts';
export { watcher } from './watch.ts';
