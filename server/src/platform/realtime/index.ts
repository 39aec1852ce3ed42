export { Hub } from './hub.ts';
export { Connection } from './connection.ts';
