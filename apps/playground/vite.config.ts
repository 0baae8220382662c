// Vite: a static build with relative paths (`base: './'`) so dist/ works from any folder of
// any static host, plus the wasm binaries and corpus subsets the page fetches at run time.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vite';
import { ISOLATION_HEADERS } from './build/isolation-headers.js';
import { staticAssets } from './build/static-assets-plugin.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

export default defineConfig({
  root: here,
  base: './',
  plugins: [
    staticAssets({
      dataDir: join(root, 'packages', 'data'),
      backendDir: join(root, 'packages', 'backend-webgl'),
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  // The training worker imports tfjs in chunks: only ES module workers can split code.
  worker: { format: 'es' },
  // Cross-origin isolated, as the static build asks its host to be (dist/_headers).
  server: { port: 5173, headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS } },
});
