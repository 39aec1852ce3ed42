export { presenceRoutes, announce } from './routes.ts';
export { touch } from './store.ts';
