export { mailRoutes } from './routes.ts';
export { sendMessage } from './commands/send-message.ts';
