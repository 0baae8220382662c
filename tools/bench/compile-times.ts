/**
 * Compile time of every `examples/**\/*.seq`: the median of a few in-process `compile()`
 * calls after one untimed call (chevrotain builds its caches on the first parse).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compile } from '@seqlab/compiler';
import { nodeHost as diskHost } from '../../apps/cli/src/io/node-host.js';
import type { CompileRow } from './rows.js';
import { median } from '@seqlab/tfjs';

/** Every `.seq` file under `dir`, sorted, as paths relative to `root`. */
export function seqFiles(root: string, dir = 'examples'): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(join(root, d), { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.seq')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Time `compile()` of each file (`runs` timed calls each). */
export function compileTimes(root: string, files: readonly string[], runs: number): CompileRow[] {
  return files.map((file) => {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n').length;
    // The path as the compiler sees it: relative, like `seqlab compile examples/x.seq`.
    const name = relative(process.cwd(), path) || file;
    const once = (): ReturnType<typeof compile> => compile(text, { file: name, host: diskHost });
    const first = once();
    const error = first.diagnostics.find((d) => d.severity === 'error');
    if (error) return { file, lines, error: `${error.code}: ${error.message}` };
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      once();
      samples.push(performance.now() - t0);
    }
    return { file, lines, ms: median(samples) };
  });
}
