import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// The browser app: built into dist/web/, which the server serves at `/`.
// `vite --config web/vite.config.ts` proxies /api to a running `juesuan serve` (JUESUAN_API, default :8123).
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  server: {
    proxy: { '/api': process.env['JUESUAN_API'] ?? 'http://127.0.0.1:8123' },
  },
});
