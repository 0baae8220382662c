/**
 * Keeps docs/data.md true. Its fenced blocks carry markers in the info string:
 * `file=examples/data/...` (a shipped example: the block must equal the file), `data=NAME`
 * (a data file that exists only in the docs) and `output="seqlab ..."` (the exact stdout of
 * that command, run in examples/data). Every data file must read with `seqlab data`, every
 * `.seq` must pass `seqlab check` and train one epoch on the cpu backend.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNpy } from '@seqlab/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const docPath = join(root, 'docs', 'data.md');
const examplesDir = join(root, 'examples', 'data');

interface Block {
  attrs: Record<string, string>;
  text: string;
  line: number;
}

/** Fenced blocks with their `key=value` / `key="a b"` info-string attributes. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A fence may be indented (inside a list item); its lines then carry the same indent.
    const open = /^( *)```(\S*)(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1] ?? '';
    const attrs: Record<string, string> = {};
    for (const m of (open[3] ?? '').matchAll(/(\w+)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
      attrs[m[1] ?? ''] = m[2] ?? m[3] ?? m[4] ?? '';
    }
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== `${indent}\`\`\``) end++;
    const body = lines.slice(start, end).map((l) => l.slice(indent.length));
    blocks.push({ attrs, text: body.join('\n') + '\n', line: i + 1 });
    i = end;
  }
  return blocks;
}

const blocks = fencedBlocks(readFileSync(docPath, 'utf8'));
const shipped = blocks.filter((b) => b.attrs.file !== undefined);
const docOnly = blocks.filter((b) => b.attrs.data !== undefined);
const readable = docOnly.filter((b) => b.attrs.error === undefined);
const broken = docOnly.filter((b) => b.attrs.error !== undefined);
const outputs = blocks.filter((b) => b.attrs.output !== undefined);
const DATA_EXT = /\.(csv|tsv|jsonl|ndjson|txt)$/;
const leaf = (b: Block): string => (b.attrs.file ?? '').replace(/^examples\/data\//, '');
const seqFiles = shipped.map(leaf).filter((f) => f.endsWith('.seq'));
const dataFiles = [
  ...shipped.map(leaf).filter((f) => DATA_EXT.test(f)),
  ...readable.map((b) => b.attrs.data ?? ''),
  'arrays/X.npy',
];

let work = '';
const startDir = process.cwd();

beforeAll(() => {
  // The examples run from their own folder (train-block paths resolve against the .seq
  // file's folder, so they would work from anywhere; `seqlab data FILE` is cwd-relative).
  work = join(mkdtempSync(join(tmpdir(), 'seqlab-data-docs-')), 'data');
  cpSync(examplesDir, work, { recursive: true });
  for (const b of docOnly) writeFileSync(join(work, b.attrs.data ?? ''), b.text);
  process.chdir(work);
});

afterAll(() => {
  process.chdir(startDir);
});

describe('docs/data.md', () => {
  it('has the five example pairs and doc-only data blocks', () => {
    expect(seqFiles.sort()).toEqual([
      'alice.seq',
      'forecast.seq',
      'reviews.seq',
      'tagger.seq',
      'waves.seq',
    ]);
    expect(readable.length).toBeGreaterThanOrEqual(6);
    expect(broken.length).toBeGreaterThanOrEqual(1);
    expect(outputs.length).toBeGreaterThanOrEqual(2);
  });

  it('shows every shipped example exactly as it is in examples/data', () => {
    for (const b of shipped) {
      const path = join(root, b.attrs.file ?? '');
      expect(existsSync(path), `docs/data.md:${b.line} names a missing ${b.attrs.file}`).toBe(true);
      expect(readFileSync(path, 'utf8'), `docs/data.md:${b.line} vs ${b.attrs.file}`).toBe(b.text);
    }
  });

  it('documents every file of examples/data', () => {
    const inDoc = new Set([...shipped.map(leaf), 'arrays/X.npy', 'arrays/y.npy']);
    const onDisk = readdirSync(examplesDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) =>
        join(e.parentPath, e.name)
          .slice(examplesDir.length + 1)
          .replace(/\\/g, '/'),
      );
    expect(onDisk.filter((f) => !inDoc.has(f))).toEqual([]);
  });

  it('ships the arrays make_arrays.py writes: X [40, 12, 1] float32, y [40] int64', () => {
    const x = parseNpy(readFileSync(join(examplesDir, 'arrays', 'X.npy')), 'X.npy');
    const y = parseNpy(readFileSync(join(examplesDir, 'arrays', 'y.npy')), 'y.npy');
    expect([x.array?.dtype, x.array?.shape]).toEqual(['float32', [40, 12, 1]]);
    expect([y.array?.dtype, y.array?.shape]).toEqual(['int64', [40]]);
    // np.arange(n) % 2: the class ids alternate.
    expect(Array.from(y.array?.data ?? []).slice(0, 4)).toEqual([0, 1, 0, 1]);
  });

  it.each(dataFiles)('seqlab data %s reads the file', async (file) => {
    const run = await seqlab('data', file, '--examples', '1');
    // Tiny files may leave a split empty: a warning, never an error.
    const notWarnings = run.stderr.split('\n').filter((l) => l !== '' && !/: warning: /.test(l));
    expect(notWarnings).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^task (classify|tag|lm|regress) \| /m);
  });

  it.each(broken.map((b) => [b.attrs.data ?? '', b] as const))(
    'seqlab data %s fails as the docs say',
    async (file, b) => {
      const run = await seqlab('data', file);
      expect(run.code).toBe(1);
      expect(run.stderr, `docs/data.md:${b.line}`).toContain(b.attrs.error);
    },
  );

  it.each(outputs.map((b) => [b.attrs.output ?? '', b] as const))(
    'the output shown for `%s` is the real output',
    async (command, b) => {
      const args = command.replace(/^seqlab /, '').split(' ');
      const run = await seqlab(...args);
      expect(run.code).toBe(0);
      expect(run.stdout, `docs/data.md:${b.line}`).toBe(b.text);
    },
  );

  it('every example model type-checks', async () => {
    const run = await seqlab('check', ...seqFiles);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it.each(seqFiles)(
    'seqlab train %s runs one epoch on the file its train block names',
    async (file) => {
      const out = join(work, '..', `run-${file}`);
      const run = await seqlab('train', file, '--backend', 'cpu', '--epochs', '1', '--out', out);
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
        metrics: Record<string, { loss: number | null }>;
      };
      // Every example has data in each split, so each loss is a number (an empty split is null).
      for (const split of ['train', 'valid', 'test']) {
        expect(Number.isFinite(summary.metrics[split]?.loss), split).toBe(true);
      }
    },
  );

  it('says truly that a train block path is relative to the .seq file', async () => {
    process.chdir(join(work, '..'));
    try {
      const run = await seqlab(
        'train',
        join(work, 'reviews.seq'),
        '--backend',
        'cpu',
        '--epochs',
        '1',
        '--out',
        join(work, '..', 'run-elsewhere'),
      );
      // When this fails, paths resolve differently: update "Pointing a model at a file".
      expect(run.code, run.stderr).toBe(0);
      const config = JSON.parse(
        readFileSync(join(work, '..', 'run-elsewhere', 'config.json'), 'utf8'),
      ) as { data: { ref: { path: string } } };
      expect(config.data.ref.path).toBe(join(work, 'reviews.csv'));
      // A missing file is a usage error (exit 2) naming the path tried.
      writeFileSync(
        join(work, 'missing.seq'),
        readFileSync(join(work, 'reviews.seq'), 'utf8').replace('"reviews.csv"', '"nope.csv"'),
      );
      const missing = await seqlab('train', join(work, 'missing.seq'), '--backend', 'cpu');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(`cannot read the data file ${join(work, 'nope.csv')}`);
    } finally {
      process.chdir(work);
    }
  });
});
