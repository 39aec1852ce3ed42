import { defineConfig } from 'vite';

/**
 * widget.js: the classic script (IIFE, no module) a host page includes to embed a discussion.
 * Built after the client into the same web/dist (not emptied), with a fixed name the server serves
 * at /widget.js.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: 'src/widget/widget.ts',
      name: 'MailroomWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
    minify: true,
    sourcemap: false,
  },
});
