export { objectRoutes } from './routes.ts';
export { accessObject } from './access.ts';
export { putObject } from './commands/put-object.ts';
export { presentObject } from './present.ts';
