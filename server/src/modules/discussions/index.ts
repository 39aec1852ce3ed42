export { discussionRoutes } from './routes.ts';
export { accessDiscussion } from './access.ts';
