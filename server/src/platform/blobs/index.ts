export { BlobStore, type BlobRef } from './store.ts';
