export * from './errors.ts';
export * from './common.ts';
export * from './users.ts';
export * from './auth.ts';
export * from './objects.ts';
export * from './events.ts';
export * from './mail.ts';
export * from './accounts.ts';
