export { eventRoutes } from './routes.ts';
export { registerEventSocket, EVENTS_WS_URL } from './socket.ts';
