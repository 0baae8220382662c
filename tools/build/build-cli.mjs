// Bundles apps/cli into apps/cli/dist/seqlab.js with esbuild. Runs from the root `prepare`
// script, so `npm install` on a fresh clone leaves a working `npx seqlab`. Workspace packages
// are bundled from their TypeScript sources; third-party packages stay external (resolved
// from node_modules at run time) so tfjs and its wasm binaries load the way they expect.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

await build({
  entryPoints: [join(root, 'apps/cli/src/main.ts')],
  outfile: join(root, 'apps/cli/dist/seqlab.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  packages: 'external',
  plugins: [
    {
      // Keep third-party packages external but bundle our own workspaces from source.
      name: 'bundle-workspaces',
      setup(b) {
        b.onResolve({ filter: /^@seqlab\// }, async (args) => {
          const name = args.path.slice('@seqlab/'.length);
          const dir = ['cli', 'playground'].includes(name) ? 'apps' : 'packages';
          return { path: join(root, dir, name, 'src', 'index.ts') };
        });
      },
    },
  ],
  banner: {
    js: "import { createRequire as __seqlabCreateRequire } from 'node:module'; const require = __seqlabCreateRequire(import.meta.url);",
  },
});
