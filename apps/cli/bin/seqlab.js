#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm install` (the root `prepare` script) into
// ../dist/seqlab.js. If that bundle is missing, say how to build it instead of a stack trace.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'seqlab.js');
if (!existsSync(bundle)) {
  console.error(
    'seqlab: the CLI is not built yet. Run `npm install` (or `npm run build`) at the repository root.',
  );
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
