import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web client: built into web/dist, which the server serves at / (SPA fallback). */
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
