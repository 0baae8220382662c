/**
 * The diagnostics catalogues stay one checked whole: no code twice across packages, no
 * entry that no source reports, no code that no golden file or test shows, every example
 * triggers its own code, and docs/diagnostics.md is what the generator prints.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticExample } from '@seqlab/diagnostics';
import { check } from '@seqlab/compiler';
import { readDataset, type DataFormat } from '@seqlab/data';
import { allEntries, CATALOGUES, root, type NamedEntry } from '../docs/catalogues.js';
import { DOC_PATH, renderDiagnosticsDoc } from '../docs/diagnostics-doc.js';

const SKIP = new Set(['node_modules', 'dist', '.nx', 'coverage', 'runs', 'tmp', '.git']);

/** Files under `dir` (relative to the root) whose names pass `keep`. */
function walk(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir))) {
    if (SKIP.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(join(root, path)).isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

const isTest = (p: string): boolean => /\.test\.ts$/.test(p) || /(^|\/)test\//.test(p);
const catalogueFiles = new Set(CATALOGUES.map((c) => c.file));
const thisFile = relative(root, new URL(import.meta.url).pathname);

/** Non-test TypeScript sources of packages and apps, without the catalogues themselves. */
const sources = ['packages', 'apps']
  .flatMap((top) => walk(top, (p) => p.endsWith('.ts') && !isTest(p) && !catalogueFiles.has(p)))
  .map((p) => readFileSync(join(root, p), 'utf8'));

/** Tests and golden outputs anywhere (this test excepted: it mentions codes generically). */
const evidence = ['packages', 'apps', 'tools']
  .flatMap((top) =>
    walk(
      top,
      (p) => (p.endsWith('.ts') && isTest(p) && p !== thisFile) || p.endsWith('.errors.txt'),
    ),
  )
  .map((p) => readFileSync(join(root, p), 'utf8'));

/** `'name'` or `CATALOGUE.name` for one of the entry's catalogue exports. */
function namePattern({ name, catalogue }: NamedEntry): RegExp {
  const exports = catalogue.exports.join('|');
  return new RegExp(`['"]${name}['"]|\\b(?:${exports})\\.${name}\\b`);
}

const entries = allEntries();

describe('diagnostics catalogue', () => {
  it('has every code once across all catalogues, each SEQ followed by four digits', () => {
    const codes = entries.map((e) => e.def.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    for (const code of codes) expect(code).toMatch(/^SEQ\d{4}$/);
    expect(codes.length).toBeGreaterThanOrEqual(85);
  });

  it('has no entry that no source file reports', () => {
    const unused = entries.filter((e) => !sources.some((s) => namePattern(e).test(s)));
    expect(unused.map((e) => `${e.def.code} ${e.name}`)).toEqual([]);
  });

  it('has no code that no golden file or test shows', () => {
    const uncovered = entries.filter(
      (e) => !evidence.some((s) => s.includes(e.def.code) || namePattern(e).test(s)),
    );
    expect(uncovered.map((e) => `${e.def.code} ${e.name}`)).toEqual([]);
  });

  it('gives every entry a summary, a message form and a fix', () => {
    for (const { def } of entries) {
      expect(def.summary.length, def.code).toBeGreaterThan(3);
      expect(def.message.length, def.code).toBeGreaterThan(3);
      expect(def.fix, def.code).toMatch(/^[A-Z].*\.$/);
    }
  });
});

const FORMATS: Readonly<Record<string, DataFormat>> = { csv: 'csv', jsonl: 'jsonl', txt: 'text' };

/** The codes reported for an example: `.seq` through `check`, data files through their reader. */
function codesOf(ex: DiagnosticExample): string[] {
  const text = ex.text.repeat(ex.repeat ?? 1);
  const ext = ex.file.split('.').pop() ?? '';
  if (ext === 'seq') {
    const result = check(text, { file: ex.file, ...(ex.set ? { set: ex.set } : {}) });
    return result.diagnostics.map((d) => d.code);
  }
  const format = FORMATS[ext];
  if (!format) throw new Error(`no reader for ${ex.file}`);
  const result = readDataset(new TextEncoder().encode(text), format, { file: ex.file });
  return (result.diagnostics ?? []).map((d) => d.code);
}

describe('catalogue examples trigger their own code', () => {
  for (const { def } of entries) {
    const ex = def.example;
    if (ex) it(def.code, () => expect(codesOf(ex)).toContain(def.code));
  }
});

describe('docs/diagnostics.md', () => {
  it('is what tools/docs/diagnostics-doc.ts generates (run it after changing a catalogue)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderDiagnosticsDoc());
  });

  it('has one entry per code', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    const headings = [...doc.matchAll(/^### (SEQ\d{4}):/gm)].map((m) => m[1]);
    expect(headings.sort()).toEqual(entries.map((e) => e.def.code).sort());
  });
});
