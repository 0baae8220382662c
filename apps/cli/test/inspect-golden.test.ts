/**
 * Golden `inspect` tables for every example: the numbers a student reads (shapes, PyTorch
 * parameter counts, FLOPs, receptive fields). Regenerate with UPDATE_GOLDEN=1 and review.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const goldenDir = join(here, 'golden', 'inspect');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.seq'))
  .sort();

describe('inspect tables', () => {
  for (const f of examples) {
    it(f, async () => {
      const r = await seqlab('inspect', join(root, 'examples', f));
      expect(r.code).toBe(0);
      const golden = join(goldenDir, f.replace(/\.seq$/, '.txt'));
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, r.stdout);
      expect(existsSync(golden)).toBe(true);
      expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
