/**
 * `seqlab train --engine torch` (issue 18): the engines agree (same seed, same initial
 * weights, same batch order), --nproc 2 and two local "nodes" equal one process, a stopped
 * torch run resumes exactly, and a missing torch is a one-line error with the fix.
 *
 * These runs need Debian's python3-torch (`.ci/run` installs it and sets
 * SEQLAB_REQUIRE_TORCH=1, so in CI a missing torch fails here instead of skipping).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0;
if (!hasTorch) {
  if (process.env['SEQLAB_REQUIRE_TORCH'] === '1') {
    throw new Error('torch-engine.test: SEQLAB_REQUIRE_TORCH=1 but /usr/bin/python3 has no torch');
  }
  console.warn(
    'torch-engine.test: python3-torch missing (apt-get install python3-torch): torch engine runs SKIPPED',
  );
}
const withTorch = hasTorch ? describe : describe.skip;

const root = join(import.meta.dirname, '..', '..', '..');
const example = (name: string) => join(root, 'examples', name);
const work = mkdtempSync(join(tmpdir(), 'seqlab-torch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Generous hang guard: each run starts Python and torch (seconds) on a busy machine. */
const GUARD = 300_000;

interface Summary {
  metrics: Record<string, Record<string, number>>;
  steps: number;
  engine?: string;
  nproc?: number;
}

const summaryOf = (dir: string): Summary =>
  JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;

/** Train and return the run's summary (fails the test with the output otherwise). */
async function train(name: string, ...args: string[]): Promise<Summary> {
  const out = join(work, name);
  const r = await seqlab('train', ...args, '--out', out, '--force');
  expect(r.code, r.stderr).toBe(0);
  return summaryOf(out);
}

const torch = ['--engine', 'torch', '--python', PYTHON];

/** Valid (and test) losses of two runs agree within `tol`. */
function expectSameLosses(a: Summary, b: Summary, tol: number): void {
  for (const split of ['valid', 'test']) {
    const x = a.metrics[split]?.['loss'];
    const y = b.metrics[split]?.['loss'];
    expect(Number.isFinite(x), `${split} loss`).toBe(true);
    expect(Math.abs((x ?? NaN) - (y ?? NaN)), `${split}: ${x} vs ${y}`).toBeLessThan(tol);
  }
}

/** Writes a .seq file into the work folder. */
function write(name: string, text: string): string {
  const file = join(work, `${name}.seq`);
  writeFileSync(file, text);
  return file;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

withTorch('the engines agree (tfjs cpu and torch, one epoch, same seed)', () => {
  const cases = [
    ['names (classification, GRU over padded names)', 'names.seq', '--limit', '800'],
    [
      'brown-pos (tagging, BiLSTM, padding masks)',
      'brown-pos.seq',
      '--limit',
      '64',
      '--batch',
      '16',
    ],
    ['g2p (encoder-decoder, teacher forcing)', 'g2p.seq', '--limit', '300', '--batch', '32'],
  ];
  for (const [label, file, ...extra] of cases) {
    it(
      label as string,
      async () => {
        const args = [example(file as string), '--epochs', '1', ...(extra as string[])];
        const tfjs = await train(`${file}-tfjs`, ...args, '--backend', 'cpu');
        const pt = await train(`${file}-torch`, ...args, ...torch);
        expect(pt.engine).toBe('torch');
        expect(pt.steps).toBe(tfjs.steps);
        expectSameLosses(tfjs, pt, 1e-3);
      },
      GUARD,
    );
  }
});

withTorch('truncated BPTT means the same on both engines (states carried chunk to chunk)', () => {
  // A char LM cut into chunks of 5 steps (20 updates a window), and causal taggers over
  // padded sentences of different lengths (chunks where some sentences have ended), with a
  // built-in LSTM and with an LSTM written as a user cell; two processes for the taggers.
  const cell = /^cell[\s\S]*?^}/m.exec(readFileSync(example('lstm-cell.seq'), 'utf8'))?.[0] ?? '';
  const tagger = (layer: string) => `${cell}
model CausalTagger(vocab = 30000, tags = 480) {
  input words: [B, T] int < vocab
  words |> embed(16) |> ${layer} |> dense(tags) -> tag_logits
  output tag_logits
}
train CausalTagger on "brown-pos" {
  loss = cross_entropy
  optimizer = adam(lr = 3e-3)
  clip_norm = 1.0
  tbptt = 4
  batch = 16
  epochs = 1
  seed = 1
}
`;
  const cases: [string, () => string, string[]][] = [
    ['char LM (rnn, tbptt = 5)', () => example('charrnn-tbptt5.seq'), []],
    [
      'tagger with lstm (padding, nproc 2)',
      () => write('tb-lstm', tagger('lstm(16)')),
      ['--nproc', '2'],
    ],
    [
      'tagger with a user LSTM cell (nproc 2)',
      () => write('tb-cell', tagger('LSTMCell(16)')),
      ['--nproc', '2'],
    ],
  ];
  for (const [label, file, extra] of cases) {
    it(
      label,
      async () => {
        const args = [file(), '--epochs', '1', '--limit', '48'];
        const tfjs = await train(`${label}-tfjs`, ...args, '--backend', 'cpu');
        const pt = await train(`${label}-torch`, ...args, ...torch, ...extra);
        expect(pt.steps).toBe(tfjs.steps);
        expectSameLosses(tfjs, pt, 1e-3);
      },
      GUARD,
    );
  }
});

withTorch('every optimiser, schedule and clipping means the same on both engines', () => {
  // names' model with other train blocks: two epochs so schedules and momenta matter.
  const model = readFileSync(example('names.seq'), 'utf8').split('train NameGender')[0] ?? '';
  const blocks = {
    'sgd with momentum, step schedule, clip_value': `optimizer = sgd(lr = 0.1, momentum = 0.9)
  schedule = step(every = 5, gamma = 0.5)
  clip_value = 0.05`,
    'rmsprop with momentum and weight decay, cosine warm-up': `optimizer = rmsprop(lr = 3e-3, momentum = 0.5, weight_decay = 1e-4)
  schedule = cosine(warmup = 3)`,
    'adamw, warmup, clip_norm': `optimizer = adamw(lr = 1e-2, weight_decay = 0.05)
  schedule = warmup(steps = 4)
  clip_norm = 0.5`,
  };
  for (const [label, block] of Object.entries(blocks)) {
    it(
      label,
      async () => {
        const file = join(work, `${label.split(' ')[0] ?? 'opt'}.seq`);
        writeFileSync(
          file,
          `${model}train NameGender on names {\n  loss = cross_entropy\n  ${block}\n  batch = 64\n  epochs = 2\n  seed = 3\n}\n`,
        );
        const args = [file, '--limit', '400'];
        const tfjs = await train(`${label}-tfjs`, ...args, '--backend', 'cpu');
        const pt = await train(`${label}-torch`, ...args, ...torch);
        expectSameLosses(tfjs, pt, 1e-3);
      },
      GUARD,
    );
  }
});

withTorch('processes and nodes', () => {
  const names = [example('names.seq'), '--limit', '400', '--epochs', '1', ...torch];

  it(
    '--nproc 2 equals --nproc 1 (DDP over gloo; the global batch does not change)',
    async () => {
      const one = await train('nproc1', ...names);
      const two = await train('nproc2', ...names, '--nproc', '2');
      expect(two.nproc).toBe(2);
      expectSameLosses(one, two, 1e-4);
    },
    GUARD,
  );

  it(
    'two nodes on loopback (--nnodes 2, one process each) equal one process',
    async () => {
      const one = await train('node-single', ...names);
      const endpoint = `127.0.0.1:${await freePort()}`;
      const nodes = ['--nnodes', '2', '--rdzv-endpoint', endpoint];
      const worker = seqlab('train', ...names, ...nodes, '--node-rank', '1');
      const driver = train('node0', ...names, ...nodes, '--node-rank', '0');
      const [w, d] = await Promise.all([worker, driver]);
      expect(w.code, w.stderr).toBe(0);
      expect(d.nproc).toBe(2);
      expectSameLosses(one, d, 1e-4);
    },
    GUARD,
  );
});

withTorch('runs, resume and errors', () => {
  const names = [example('names.seq'), '--limit', '600', '--epochs', '2', ...torch];

  it(
    'a torch run stopped mid-epoch resumes to the uninterrupted result, and predict reads it',
    async () => {
      const full = await train('full', ...names);
      const out = join(work, 'part');
      const stopped = await seqlab('train', ...names, '--out', out, '--stop-at-step', '13');
      expect(stopped.code, stopped.stderr).toBe(0);
      const resumed = await seqlab('train', '--resume', out);
      expect(resumed.code, resumed.stderr).toBe(0);
      const part = summaryOf(out);
      expect(part.steps).toBe(full.steps);
      expect(part.metrics['test']?.['loss']).toBe(full.metrics['test']?.['loss']);
      const p = await seqlab('predict', out, '--input', 'maria');
      expect(p.code, p.stderr).toBe(0);
      expect(p.stdout).toMatch(/maria: (female|male) /);
    },
    GUARD,
  );

  it(
    'bench --engine torch times steps of the train block data',
    async () => {
      const r = await seqlab(
        'bench',
        example('names.seq'),
        ...torch,
        '--steps',
        '5',
        '--warmup',
        '1',
        '--json',
      );
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as { engine: string; steps: number; ms_per_step: number };
      expect(json.engine).toBe('torch');
      expect(json.steps).toBe(5);
      expect(json.ms_per_step).toBeGreaterThan(0);
    },
    GUARD,
  );

  it('a Python without torch is one line that says how to install it (exit 2)', async () => {
    const r = await seqlab(
      'train',
      example('names.seq'),
      '--engine',
      'torch',
      '--python',
      join(work, 'no-such-python'),
      '--out',
      join(work, 'none'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/apt-get install python3-torch/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it(
    "a worker that dies is exit 1 with its own last lines (the traceback, not torchrun's summary)",
    async () => {
      // A bad thread count makes every worker raise before it is ready.
      process.env['SEQLAB_TORCH_THREADS'] = 'not-a-number';
      try {
        const r = await seqlab('train', ...names, '--out', join(work, 'dead'), '--force');
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/processes failed/);
        expect(r.stderr).toMatch(/ValueError: invalid literal for int\(\)/);
      } finally {
        delete process.env['SEQLAB_TORCH_THREADS'];
      }
    },
    GUARD,
  );

  it('torch flags need --engine torch', async () => {
    const stray = await seqlab('train', example('names.seq'), '--nproc', '2');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--nproc: only with --engine torch/);
  });
});
