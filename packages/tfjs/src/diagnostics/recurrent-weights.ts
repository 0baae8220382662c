/**
 * The recurrent matrix of a layer, read from the model's variables.
 *
 * - rnn: `weight_hh_l{k}` `[H, H]` is W_hh.
 * - lstm / gru: `weight_hh_l{k}` is `[G·H, H]`, G square blocks (i f g o / r z n). The block
 *   that plays W_hh's role is the candidate's: `g` (LSTM: c' = f c + i tanh(W_ig x + W_hg h))
 *   and `n` (GRU: n = tanh(W_in x + r (W_hn h))). The layer-level numbers describe it; every
 *   block is reported too. The gates' own blocks act through sigmoids (slope ≤ 1/4), and the
 *   LSTM's cell path c_{t−1} → c_t is diag(f_t) with no matrix at all: that is why gated
 *   cells can keep gradients alive whatever these numbers say.
 * - user cell (scan): the terms acting on the previous state (see scan-recurrence.ts).
 */
import { RECURRENCES, type Recurrence } from '@seqlab/ir';
import type { CompiledModel } from '../types.js';
import { DenseMatrix } from './dense-matrix.js';
import type { RecurrentLayer } from './layers.js';
import { analyseScan } from './scan-recurrence.js';

/** A named square block. */
export interface NamedMatrix {
  readonly name: string;
  readonly matrix: DenseMatrix;
}

/** The recurrent weights of one layer. */
export interface RecurrenceWeights {
  /** What `main` is, for the report (`rnn0.weight_hh_l0`, `lstm0.weight_hh_l0[g]`, ...). */
  readonly source: string;
  /** The W_hh the layer-level spectral numbers describe; null: use the largest block. */
  readonly main: DenseMatrix | null;
  readonly blocks: readonly NamedMatrix[];
  /** h_t = act(... + W h_{t−1}): then J_t = diag(act'(a_t)) W exactly; null otherwise. */
  readonly activation: 'tanh' | 'relu' | null;
}

/** Block names of a recurrence's W_hh: its gates, or `W_hh` for the ungated rnn's one block. */
function blockNames(recurrence: Recurrence): readonly string[] {
  return recurrence.gated ? recurrence.gates : ['W_hh'];
}

function readMatrix(model: CompiledModel, name: string): DenseMatrix {
  const v = model.variables.get(name);
  if (v === undefined) throw new Error(`diagnostics: no variable ${name}`);
  const [rows = 0, cols = 1] = v.shape;
  return new DenseMatrix(rows, cols, v.dataSync());
}

/** Square blocks of `m` (`[k·S, S]`), named by `names` or `block i`. */
function blocksOf(m: DenseMatrix, names?: readonly string[]): NamedMatrix[] {
  const size = m.cols;
  const k = size === 0 ? 0 : Math.floor(m.rows / size);
  if (k * size !== m.rows) return [];
  return Array.from({ length: k }, (_, i) => ({
    name: names?.[i] ?? (k === 1 ? 'W' : `block ${i}`),
    matrix: m.rowBlock(i * size, size),
  }));
}

function transpose(m: DenseMatrix): DenseMatrix {
  const t = new DenseMatrix(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) t.set(j, i, m.at(i, j));
  return t;
}

/** The recurrent weights of `layer`, or null for a cell whose recurrence we cannot read. */
export function recurrenceWeights(
  model: CompiledModel,
  layer: RecurrentLayer,
  stateWidth: number,
): RecurrenceWeights | null {
  const node = layer.node;
  if (layer.op !== 'scan') {
    const role = `weight_hh_l${layer.layer}${layer.direction === 'reverse' ? '_reverse' : ''}`;
    const name = node.params[role];
    if (name === undefined) return null;
    const recurrence = RECURRENCES[layer.op];
    const blocks = blocksOf(readMatrix(model, name), blockNames(recurrence));
    const pick = blocks[recurrence.candidate];
    const relu = node.attrs['nonlinearity'] === 'relu';
    return {
      source: recurrence.gated ? `${name}[${pick?.name ?? '?'}]` : name,
      main: pick?.matrix ?? null,
      blocks,
      activation: recurrence.gated ? null : relu ? 'relu' : 'tanh',
    };
  }
  const body = node.body;
  if (body === undefined) return null;
  const index = Math.max(0, layer.states.indexOf('h'));
  const scan = analyseScan(body, Number(node.attrs['num_sequences'] ?? 1), index);
  const blocks: NamedMatrix[] = [];
  const sources: string[] = [];
  for (const term of scan.terms) {
    if (term.kind === 'scalar') {
      blocks.push({ name: `${term.value}·I`, matrix: DenseMatrix.scalar(stateWidth, term.value) });
      sources.push(`the constant ${term.value} (times the identity)`);
    } else {
      const raw = readMatrix(model, term.param);
      const acting = term.transposed ? raw : transpose(raw);
      blocks.push(
        ...blocksOf(acting).map((b) => ({
          ...b,
          name: `${term.param}${b.name === 'W' ? '' : ` ${b.name}`}`,
        })),
      );
      sources.push(term.param);
    }
  }
  if (blocks.length === 0) return null;
  const only = blocks.length === 1 ? blocks[0] : undefined;
  return {
    source: only
      ? (sources[0] ?? only.name)
      : `largest of: ${blocks.map((b) => b.name).join(', ')}`,
    main: only?.matrix ?? null,
    blocks,
    activation: scan.activation,
  };
}
