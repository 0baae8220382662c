/**
 * Writes the long-range tasks of docs/long-range.md as JSONL files, at sequence lengths the
 * CLI cannot ask the built-ins for (`seqlab train --data NAME` loads default options only).
 * The examples come from @seqlab/data's own `adding` and `copy` generators (same seeds, same
 * streams), so a file here holds exactly what `loadBuiltin(name, { length, ... })` gives.
 *
 * Run: npx tsx tools/long-range/make-data.ts [OUT_DIR]   (default tmp/long-range)
 * Writes adding-T{10,50,100}.jsonl and copy-T{10,50,100}.jsonl (T = the copy delay).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBuiltin, type BuiltinOptions, type Example, type SequenceDataset } from '@seqlab/data';
import { COPY_SYMBOLS, LENGTHS, SIZES } from './tasks.js';

function load(name: string, opts: BuiltinOptions): SequenceDataset {
  const r = loadBuiltin(name, opts);
  if (!r.dataset) throw new Error(`${name}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.dataset;
}

/** One JSONL line per example, in the reader's `x`/`y` or `tokens`/`tags` shape. */
function lines(ds: SequenceDataset, record: (e: Example) => Record<string, unknown>): string {
  const out: string[] = [];
  for (const split of ['train', 'valid', 'test'] as const) {
    for (const e of ds.splits[split]) out.push(JSON.stringify({ ...record(e), split }));
  }
  return out.join('\n') + '\n';
}

function main(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const T of LENGTHS) {
    const adding = load('adding', { ...SIZES, length: T });
    writeFileSync(
      join(dir, `adding-T${T}.jsonl`),
      lines(adding, (e) => ({ x: e['x'], y: e['sum'] })),
    );
    const copy = load('copy', { ...SIZES, length: COPY_SYMBOLS, delay: T });
    const vocab = copy.fields.find((f) => f.name === 'input')?.vocab;
    if (!vocab) throw new Error('copy: no vocabulary');
    const words = (ids: unknown): string[] => (ids as number[]).map((i) => vocab.tokenOf(i));
    writeFileSync(
      join(dir, `copy-T${T}.jsonl`),
      lines(copy, (e) => ({ tokens: words(e['input']), tags: words(e['output']) })),
    );
  }
  process.stdout.write(`wrote adding-T*.jsonl and copy-T*.jsonl to ${dir}\n`);
}

main(process.argv[2] ?? join('tmp', 'long-range'));
