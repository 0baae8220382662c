/**
 * The whole-run tables of docs/benchmarks.md (issue 17 §1), pure functions of rows:
 * seqlab train beside the PyTorch loop per case, and train ÷ bench time per step.
 */
import type { Row } from './rows.js';
import { formatMs, type Table } from './table.js';
import { median, type TrainStepRow, type WholeRunRow } from './whole-run.js';

/** The target of issue 17: `train` per step within 10 % of `bench`. */
export const TRAIN_OVER_BENCH_TARGET = 1.1;

const seconds = (s: number): string => (s < 10 ? s.toFixed(2) : s.toFixed(1));

function ratioCell(mine: number, peer: number | undefined, target: number): string {
  if (peer === undefined || !(peer > 0)) return '';
  const r = mine / peer;
  return `${r.toFixed(2)}× ${r <= target ? '✓' : '✗'}`;
}

/** seqlab train and the PyTorch loop, each case: epoch median, whole run, test metric, ratios. */
export function wholeRunTable(rows: readonly WholeRunRow[]): Table {
  const notes: string[] = [];
  const peerOf = (label: string): WholeRunRow | undefined =>
    rows.find((r) => r.label === label && r.engine === 'pytorch loop');
  const body = rows.map((r) => {
    if (r.status === 'error') {
      notes.push(`${r.label} ${r.engine}: ${r.message}`);
      return [r.label, r.engine, '', `fails [${notes.length}]`, '', '', '', ''];
    }
    const epoch = median(r.epochSeconds);
    const peer = peerOf(r.label);
    const mine = r.engine === 'seqlab wasm' && peer?.status === 'ok';
    return [
      r.label,
      r.engine,
      String(r.epochSeconds.length),
      seconds(epoch),
      seconds(r.wallSeconds),
      r.test ? `${r.test.name} ${r.test.value.toFixed(4)}` : '',
      mine ? ratioCell(epoch, median(peer.epochSeconds), 1) : '',
      mine ? ratioCell(r.wallSeconds, peer.wallSeconds, 1) : '',
    ];
  });
  return {
    header: [
      'run',
      'engine',
      'epochs',
      'epoch s (median)',
      'whole run s',
      'test',
      'epoch ÷ PyTorch',
      'run ÷ PyTorch',
    ],
    rows: body,
    numeric: [false, false, true, true, true, false, true, true],
    notes,
  };
}

/** The bench's own ms per step of a model: seqlab, small, wasm, in Node. */
function benchMs(rows: readonly Row[], model: string): number | undefined {
  const r = rows.find(
    (x) =>
      x.model === model &&
      x.size === 'small' &&
      x.engine === 'seqlab' &&
      x.runtime === 'node' &&
      x.backend === 'wasm',
  );
  return r?.status === 'ok' ? r.msPerStep : undefined;
}

/** `seqlab train` ms per step beside `seqlab bench`'s for the same model and shapes. */
export function trainStepTable(train: readonly TrainStepRow[], bench: readonly Row[]): Table {
  const notes: string[] = [];
  const body = train.map((t) => {
    const b = benchMs(bench, t.model);
    if (t.trainMs === undefined) {
      notes.push(`${t.model}: ${t.message ?? 'no time'}`);
      return [t.model, `fails [${notes.length}]`, b !== undefined ? formatMs(b) : '', ''];
    }
    return [
      t.model,
      formatMs(t.trainMs),
      b !== undefined ? formatMs(b) : 'not run',
      ratioCell(t.trainMs, b, TRAIN_OVER_BENCH_TARGET),
    ];
  });
  return {
    header: ['model', 'train ms/step', 'bench ms/step', 'train ÷ bench'],
    rows: body,
    numeric: [false, true, true, true],
    notes,
  };
}
