export { AppError, notFound, invalid } from './app-error.ts';
