export { systemRoutes } from './routes.ts';
export { registerWeb } from './web.ts';
export { registerFraming } from './framing.ts';
