/**
 * Every diagnostics catalogue of seqlab in one list, in code order: what the docs
 * generator renders and what `tools/lint/diagnostics-catalogue.test.ts` checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnosticCatalogue, DiagnosticDef } from '@seqlab/diagnostics';
import { SYNTAX_DIAGNOSTICS } from '@seqlab/syntax';
import { COMPILER_CODES } from '@seqlab/compiler';
import { DATA_DIAGNOSTICS } from '@seqlab/data';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One package's catalogue with where it lives and the names call sites use for it. */
export interface CatalogueInfo {
  readonly title: string;
  /** The catalogue file, relative to the root. */
  readonly file: string;
  /** Exported names call sites reach entries through (`DataCodes.emptyFile`). */
  readonly exports: readonly string[];
  readonly entries: DiagnosticCatalogue;
}

/** The catalogues, lowest code range first. */
export const CATALOGUES: readonly CatalogueInfo[] = [
  {
    title: 'Syntax (SEQ1xxx)',
    file: 'packages/syntax/src/codes.ts',
    exports: ['SYNTAX_DIAGNOSTICS'],
    entries: SYNTAX_DIAGNOSTICS,
  },
  {
    title: 'Names, types, shapes and training blocks (SEQ2xxx–SEQ4xxx)',
    file: 'packages/compiler/src/codes.ts',
    exports: ['COMPILER_CODES'],
    entries: COMPILER_CODES,
  },
  {
    title: 'Data (SEQ6xxx)',
    file: 'packages/data/src/codes.ts',
    exports: ['DATA_DIAGNOSTICS', 'DataCodes'],
    entries: DATA_DIAGNOSTICS,
  },
];

/** One entry with its name and catalogue. */
export interface NamedEntry {
  readonly name: string;
  readonly def: DiagnosticDef;
  readonly catalogue: CatalogueInfo;
}

/** Every entry of every catalogue, sorted by code. */
export function allEntries(): NamedEntry[] {
  return CATALOGUES.flatMap((catalogue) =>
    Object.entries(catalogue.entries).map(([name, def]) => ({ name, def, catalogue })),
  ).sort((a, b) => a.def.code.localeCompare(b.def.code));
}

/** The compiler's golden folder: `NAME.seq` inputs with `NAME.errors.txt` outputs. */
export const goldenDir = join(root, 'packages', 'compiler', 'test', 'golden');

/** A golden case that shows `code`: the shortest input whose output reports it. */
export function goldenFor(
  code: string,
): { file: string; input: string; output: string } | undefined {
  const found = readdirSync(goldenDir)
    .filter((f) => f.endsWith('.errors.txt'))
    .map((f) => ({ f, output: readFileSync(join(goldenDir, f), 'utf8') }))
    .filter(({ output }) => output.includes(` ${code}: `))
    .map(({ f, output }) => {
      const file = f.replace(/\.errors\.txt$/, '.seq');
      return { file, input: readFileSync(join(goldenDir, file), 'utf8'), output };
    })
    .sort((a, b) => a.input.length - b.input.length || a.file.localeCompare(b.file));
  return found[0];
}
