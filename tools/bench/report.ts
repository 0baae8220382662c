/**
 * docs/benchmarks.md and the terminal summary, from one run's rows: the machine, the date
 * and the exact command first (numbers without them cannot be reproduced), then one table
 * per size configuration, then compile times. Pure: everything comes in as arguments.
 */
import type { MachineInfo } from './machine.js';
import { SIZES, type CompileRow, type Row, type SizeName, type StepPlan } from './rows.js';
import { compileTable, renderMarkdown, renderText, resultsTable } from './table.js';
import { torchEngineTable, type TorchEngineRow } from './torch-engine.js';
import type { TrainStepRow, WholeRunRow } from './whole-run.js';
import { trainStepTable, wholeRunTable } from './whole-run-table.js';

/** Everything a report shows. */
export interface ReportInput {
  readonly machine: MachineInfo;
  /** ISO date and time of the run's start. */
  readonly date: string;
  /** The command that reproduces the run, e.g. `npm run bench -- --only rnn`. */
  readonly command: string;
  readonly sizes: readonly SizeName[];
  readonly plans: Readonly<Record<SizeName, StepPlan>>;
  readonly budgetMs: number;
  readonly cellMs: number;
  readonly rows: readonly Row[];
  /** Absent when compile times were not selected. */
  readonly compile?: readonly CompileRow[];
  /** The torch engine's rows; absent when it was not selected or torch is missing. */
  readonly torchEngine?: readonly TorchEngineRow[];
  /** Whole `seqlab train` runs and train-versus-bench step times; absent when not selected. */
  readonly wholeRun?: {
    readonly runs: readonly WholeRunRow[];
    readonly steps: readonly TrainStepRow[];
  };
  /** Engines that did not run and why, and anything else worth a line. */
  readonly notes: readonly string[];
  /** Wall time of the whole run. */
  readonly wallSeconds: number;
}

/** The heading of a size's table: its tensor sizes and steps. */
export function sizeHeading(size: SizeName, plan: StepPlan): string {
  const c = SIZES[size];
  return (
    `${size} configuration: input [B=${c.batch}, T=${c.time}, D=${c.input}], width H=${c.hidden}; ` +
    `median of ${plan.steps} steps after ${plan.warmup} warm-up`
  );
}

/** How the time limits shaped a size's table (budget.ts). */
export function budgetNote(size: SizeName, r: Pick<ReportInput, 'budgetMs' | 'cellMs'>): string {
  const fit = `${size === 'large' ? 'Every' : 'A cpu-backend'} seqlab or tfjs-layers cell runs one step first; if its planned steps would take over ${Math.round(r.cellMs / 1000)} s it runs fewer (the steps column says how many).`;
  return size === 'large'
    ? `${fit} cpu-backend cells whose first step takes over ${(r.budgetMs / 1000).toFixed(1)} s are skipped.`
    : fit;
}

/** One line per fact about the machine. */
export function machineLines(m: MachineInfo): string[] {
  return [
    `CPU: ${m.cpu}, ${m.cores} core${m.cores === 1 ? '' : 's'} (${m.os}); load average at start ${m.load.join(' / ')}`,
    `Node ${m.node}; tfjs-core ${m.tfjsCore}, tfjs-layers ${m.tfjsLayers}`,
    m.torch
      ? `PyTorch ${m.torch.version} (CPU, ${m.torch.threads} thread${m.torch.threads === 1 ? '' : 's'}: torch's default)`
      : 'PyTorch: not measured in this run',
  ];
}

const LEGEND =
  "÷ columns: seqlab ms/step divided by the peer's (PyTorch: same model and size; tfjs-layers: " +
  "also the same backend). ✓ meets issue 7's target: at most 2× PyTorch (5× for the cnn), " +
  'and at least 1.5× faster than tfjs-layers (ratio ≤ 0.67).';

const METHOD = [
  'A training step is forward, backward and an Adam update with the loss read back ' +
    '(seqlab: `seqlab bench --json`; tfjs-layers: `model.trainOnBatch`; PyTorch: `loss.backward(); opt.step(); loss.item()`).',
  'Inference is one forward pass with the output read back (PyTorch under `torch.no_grad()`).',
  'Every cell runs in its own process, one after another; inputs are random `[B, T, D]`, targets class ids.',
  'tfjs-layers is the model a tfjs user writes: `tf.sequential` with `simpleRNN` / `lstm` / `gru` then `dense(4, softmax)`, ' +
    'or two `conv1d(k=3, same, relu)`, `globalAveragePooling1d`, `dense`; Adam, sparse categorical cross-entropy ' +
    '(tools/bench/peers/tfjs-layers-models.ts).',
  "Rows marked (chromium) ran in headless Chromium (tools/bench/browser/) with that runner's own step counts.",
];

const TORCH_ENGINE_HEADING =
  'Torch engine: a train block on PyTorch (`seqlab train --engine torch`)';

const TORCH_ENGINE_METHOD =
  '`seqlab bench examples/names.seq --engine torch --nproc N --json`: a training step of the ' +
  'train block (its data, batch order, loss and optimiser) on PyTorch, median over the timed ' +
  'steps; with 2 processes each takes half of every global batch and DDP (gloo) averages the ' +
  'gradients. Real data with its own lengths, so not comparable with the random-input tables.';

const WHOLE_RUN_HEADING = 'Whole runs: `seqlab train` beside the same PyTorch loop';

const WHOLE_RUN_METHOD =
  'Each run is `seqlab train FILE --epochs N` in its own process, on wasm, and the same model, ' +
  "data, batch order, optimiser and epochs in a plain PyTorch loop: seqlab's torch engine with " +
  'one process (`--engine torch --nproc 1 --device cpu`, no DDP), which trains the PyTorch export on ' +
  "the batches seqlab's readers made. Epoch time is the steps of an epoch (metrics.jsonl " +
  '`seconds`), median over the epochs; the whole run is the process wall time (start-up, data, ' +
  "evaluation and files included; PyTorch's includes starting torchrun and Python). ✓: seqlab " +
  'is at most as slow as PyTorch (issue 17).';

const TRAIN_STEP_HEADING = '`seqlab train` time per step beside `seqlab bench`';

const TRAIN_STEP_METHOD =
  'Each bench model trained by `seqlab train --data X.npy --batch 32 --epochs 4` on wasm, on ' +
  'generated random inputs of the small configuration (`[32, 50, 8]`, 4 classes, 24 train ' +
  "batches): median over epochs 2–4 of the epoch's training seconds per step, beside the small " +
  "wasm table's bench ms/step. Everything `train` does around a step (batches, masks, loss " +
  'read-back, metrics, progress) is the difference. ✓: within 10 % (issue 17).';

/** docs/benchmarks.md. */
export function renderReport(r: ReportInput): string {
  const out: string[] = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (tools/bench/run-bench.ts). Do not edit: run it again. -->',
    '',
    `- Date: ${r.date}`,
    `- Command: \`${r.command}\` (${Math.round(r.wallSeconds)} s)`,
    ...machineLines(r.machine).map((l) => `- ${l}`),
    ...r.notes.map((n) => `- ${n}`),
    '',
    METHOD.join(' '),
    '',
    LEGEND,
  ];
  for (const size of r.sizes) {
    out.push('', `## ${sizeHeading(size, r.plans[size])}`, '');
    out.push(`${budgetNote(size, r)}`, '');
    out.push(renderMarkdown(resultsTable(r.rows, size)));
  }
  if (r.wholeRun) {
    out.push('', `## ${WHOLE_RUN_HEADING}`, '', WHOLE_RUN_METHOD, '');
    out.push(renderMarkdown(wholeRunTable(r.wholeRun.runs)));
    out.push('', `## ${TRAIN_STEP_HEADING}`, '', TRAIN_STEP_METHOD, '');
    out.push(renderMarkdown(trainStepTable(r.wholeRun.steps, r.rows)));
  }
  if (r.torchEngine) {
    out.push('', `## ${TORCH_ENGINE_HEADING}`, '', TORCH_ENGINE_METHOD, '');
    out.push(renderMarkdown(torchEngineTable(r.torchEngine)));
  }
  if (r.compile) {
    out.push('', '## Compile time of the examples', '');
    out.push(
      'In-process `compile()` from `@seqlab/compiler`: median of the timed calls after one untimed call.',
      '',
    );
    out.push(renderMarkdown(compileTable(r.compile)));
  }
  return out.join('\n') + '\n';
}

/** What the terminal shows at the end of a run. */
export function renderConsole(r: ReportInput): string {
  const out: string[] = [
    `${r.date}  ${r.command}  (${Math.round(r.wallSeconds)} s)`,
    ...machineLines(r.machine),
    ...r.notes,
  ];
  for (const size of r.sizes) {
    out.push(
      '',
      sizeHeading(size, r.plans[size]),
      budgetNote(size, r),
      '',
      renderText(resultsTable(r.rows, size)),
    );
  }
  out.push('', LEGEND);
  if (r.wholeRun) {
    out.push('', WHOLE_RUN_HEADING, '', renderText(wholeRunTable(r.wholeRun.runs)));
    out.push('', TRAIN_STEP_HEADING, '', renderText(trainStepTable(r.wholeRun.steps, r.rows)));
  }
  if (r.torchEngine) {
    out.push('', TORCH_ENGINE_HEADING, '', renderText(torchEngineTable(r.torchEngine)));
  }
  if (r.compile)
    out.push(
      '',
      'compile time of the examples (ms, median)',
      '',
      renderText(compileTable(r.compile)),
    );
  return out.join('\n') + '\n';
}
