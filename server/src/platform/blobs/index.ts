export { BlobStore, type BlobRef, type PackRef } from './store.ts';
