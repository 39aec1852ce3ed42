export { userRoutes } from './routes.ts';
export { accessUser } from './access.ts';
export { createUser } from './commands/create-user.ts';
export { userById, userByLogin, type UserRow } from './store.ts';
export { presentUser } from './present.ts';
export { verifyPassword, hashPassword } from './password.ts';
