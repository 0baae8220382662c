/**
 * Golden diagnostics: every `golden/*.seq` is checked and its rendered diagnostics must equal
 * `golden/*.errors.txt`. Regenerate after an intended change with `UPDATE_GOLDEN=1`, then
 * read the diff: these files are the compiler's user interface.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '@seqlab/diagnostics';
import { check, joinRelative, type CompileHost } from '../src/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

/** Imports resolve inside the golden folder; paths in messages stay relative. */
const host: CompileHost = {
  readFile: (path) => {
    const full = join(dir, path);
    return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  },
  resolveImport: joinRelative,
};

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.seq'))
  .sort();

describe('golden diagnostics', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of cases) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const result = check(text, { file, host });
      const rendered = result.diagnostics
        .map((d) => renderDiagnostic(d, (f) => result.sources.get(f)))
        .join('\n');
      const goldenPath = join(dir, file.replace(/\.seq$/, '.errors.txt'));
      if (update || !existsSync(goldenPath)) {
        if (!update) throw new Error(`missing ${goldenPath}; run with UPDATE_GOLDEN=1`);
        writeFileSync(goldenPath, rendered + '\n');
      }
      // Every golden case exists to show a problem.
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(rendered + '\n').toBe(readFileSync(goldenPath, 'utf8'));
    });
  }
});

describe('golden cases carry distinct codes', () => {
  it('covers at least 40 distinct diagnostic codes', () => {
    const codes = new Set<string>();
    for (const file of cases) {
      const result = check(readFileSync(join(dir, file), 'utf8'), { file, host });
      for (const d of result.diagnostics) codes.add(d.code);
    }
    expect(codes.size).toBeGreaterThanOrEqual(40);
  });
});
