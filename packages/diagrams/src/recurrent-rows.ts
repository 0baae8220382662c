/**
 * The data behind the unrolled figure: one row per recurrent layer (bottom to top, in
 * dataflow order), framed by the per-step input row below and the model output above.
 */
import { recurrenceOf } from '@seqlab/ir';
import type { IrModule, Node } from '@seqlab/ir';
import { builtinWeights, scanWeights } from './cell-weights.js';
import { formatType } from './format.js';
import type { Producer } from './module-facts.js';
import {
  boolAttr,
  isDataOp,
  isRecurrent,
  lastDim,
  numAttr,
  producers,
  valueType,
} from './module-facts.js';
import { opSummary } from './op-label.js';

/** One row of the unrolled figure. */
export interface RecurrentRow {
  readonly kind: 'input' | 'recurrent' | 'output';
  /** The layer (node name) for recurrent rows; the port name for input and output rows. */
  readonly layer: string;
  /** The cell label in math notation: `x_t`, `h_t^(2)`, `y_t`, or `y` (one per sequence). */
  readonly label: string;
  /** A short description: `rnn(16)`, `lstm(128) · layer 2/2 · ←→`, `user cell Elman(8)`. */
  readonly note: string;
  /** Stack level k of a recurrent row (1-based); 0 for the input row, rows-1 for the output. */
  readonly level: number;
  /** Features per step (both directions of a bidirectional layer); 0 when unknown. */
  readonly width: number;
  /** Hidden size per direction (recurrent rows); the width otherwise. */
  readonly hidden: number;
  /** Which way the state is carried: h_0 on the left for forward, on the right for backward. */
  readonly direction: 'forward' | 'backward' | 'both';
  /** Index in the rows array of the row feeding this one; -1 for the input row. */
  readonly from: number;
  /**
   * Layers between the feeding row and this one, e.g. `embed(32)` below the first
   * recurrence or `last → dense(2)` under the output; for the input row, the layers from
   * the port to x_t (`embed(32)`). Empty when connected directly.
   */
  readonly via: string;
  /**
   * Input row only: the port's type at one step (its time axis dropped), `[B] int<30` for
   * token ids or `[B, 4]`; absent when the port's type is unknown.
   */
  readonly stepType?: string;
  /** Which steps the row reads from the row below: each step, or last/first/all for a per-sequence output. */
  readonly reads: 'each' | 'last' | 'first' | 'all';
  /** W_xh^(k) as `[rows, cols]` (PyTorch layout), recurrent rows only. */
  readonly wxh?: readonly number[];
  /** W_hh^(k) as `[rows, cols]`, recurrent rows only. */
  readonly whh?: readonly number[];
  /** How the state starts: `0`, `1`, or `from <layer>` (an encoder's final state). */
  readonly initial?: string;
}

interface Origin {
  /** Row index of the recurrent row the value comes from, or 0 (the input row). */
  readonly row: number;
  readonly producer?: Producer;
}

/** Walks value ancestry to find the latest recurrent row feeding a value. */
class Tracer {
  private readonly memo = new Map<string, Origin>();

  constructor(
    private readonly made: Map<string, Producer>,
    private readonly topRow: Map<Node, number>,
  ) {}

  /** The latest recurrent row among a value's ancestors (0 = none: the input row). */
  origin(valueId: string): Origin {
    const known = this.memo.get(valueId);
    if (known) return known;
    const p = this.made.get(valueId);
    let result: Origin = { row: 0 };
    if (p && !isDataOp(p.node)) {
      const row = this.topRow.get(p.node);
      if (row !== undefined) result = { row, producer: p };
      else {
        for (const input of p.node.inputs) {
          const o = this.origin(input);
          if (o.row > result.row) result = o;
        }
      }
    }
    this.memo.set(valueId, result);
    return result;
  }

  /** Non-recurrent layers from a value back to its origin row, in dataflow order. */
  chain(valueId: string): Node[] {
    const target = this.origin(valueId).row;
    const nodes: Node[] = [];
    let current: string | undefined = valueId;
    while (current !== undefined) {
      const p = this.made.get(current);
      if (!p || isDataOp(p.node) || this.topRow.has(p.node)) break;
      nodes.push(p.node);
      // Follow the input that leads to the same origin (the main path), else the first.
      current =
        p.node.inputs.find((i) => this.origin(i).row === target && !this.isData(i)) ??
        p.node.inputs[0];
    }
    return nodes.reverse();
  }

  private isData(valueId: string): boolean {
    const p = this.made.get(valueId);
    return p !== undefined && isDataOp(p.node);
  }
}

function initialState(m: IrModule, node: Node, made: Map<string, Producer>): string {
  if (node.op === 'scan') {
    const init = node.attrs['state_init'];
    const first = Array.isArray(init) ? (init[0] as unknown) : undefined;
    if (first === 'ones') return '1';
    if (first !== 'input') return '0';
    const numSeq = numAttr(node, 'num_sequences') ?? 1;
    const src = node.inputs[numSeq];
    return `from ${src === undefined ? 'input' : (made.get(src)?.node.name ?? portName(m, src))}`;
  }
  const h0 = node.inputs[1];
  if (h0 === undefined) return '0';
  return `from ${made.get(h0)?.node.name ?? portName(m, h0)}`;
}

function portName(m: IrModule, valueId: string): string {
  return (
    m.inputs.find((p) => p.value === valueId)?.name ?? m.graph.values[valueId]?.name ?? valueId
  );
}

function readsOf(
  chain: readonly Node[],
  origin: Origin,
  outputRank: number,
): RecurrentRow['reads'] {
  if (chain.some((n) => n.op === 'reduce_time')) return 'all';
  if (chain.some((n) => n.op === 'last')) return 'last';
  if (chain.some((n) => n.op === 'first')) return 'first';
  // h_n / c_n / a final state: the state after the last step.
  if (origin.producer && origin.producer.index > 0) return 'last';
  return outputRank >= 3 ? 'each' : 'all';
}

function recurrentRowsOf(
  m: IrModule,
  node: Node,
  startRow: number,
  startLevel: number,
  from: number,
  via: string,
  made: Map<string, Producer>,
): RecurrentRow[] {
  const graph = m.graph;
  const inWidth = lastDim(graph, node.inputs[0]) ?? 0;
  const initial = initialState(m, node, made);
  if (node.op === 'scan') {
    const hidden = lastDim(graph, node.outputs[0]) ?? 0;
    const w = scanWeights(m, node);
    return [
      {
        kind: 'recurrent',
        layer: node.name,
        label: `h_t^(${startLevel})`,
        note: `user cell ${opSummary(node, graph)}`,
        level: startLevel,
        width: hidden,
        hidden,
        direction: boolAttr(node, 'reverse', false) ? 'backward' : 'forward',
        from,
        via,
        reads: 'each',
        wxh: w.wxh ?? [hidden, inWidth],
        whh: w.whh ?? [hidden, hidden],
        initial,
      },
    ];
  }
  const hidden = numAttr(node, 'hidden') ?? lastDim(graph, node.outputs[1]) ?? 0;
  const layers = Math.max(1, numAttr(node, 'layers') ?? 1);
  const bi = boolAttr(node, 'bidirectional', false);
  const dirs = bi ? 2 : 1;
  const gates = recurrenceOf(node.op)?.gates.length ?? 1;
  const rows: RecurrentRow[] = [];
  for (let k = 0; k < layers; k++) {
    const w = builtinWeights(m, node, k);
    const parts = [`${node.op}(${hidden})`];
    if (layers > 1) parts.push(`layer ${k + 1}/${layers}`);
    if (bi) parts.push('←→');
    rows.push({
      kind: 'recurrent',
      layer: node.name,
      label: `h_t^(${startLevel + k})`,
      note: parts.join(' · '),
      level: startLevel + k,
      width: dirs * hidden,
      hidden,
      direction: bi ? 'both' : 'forward',
      from: k === 0 ? from : startRow + k - 1,
      via: k === 0 ? via : '',
      reads: 'each',
      wxh: w.wxh ?? [gates * hidden, k === 0 ? inWidth : dirs * hidden],
      whh: w.whh ?? [gates * hidden, hidden],
      initial,
    });
  }
  return rows;
}

/**
 * A sequence value's type at one step: `[B, T, 4]` is `[B, 4]` per step, `[B, T] int<30`
 * is `[B] int<30`. Sequences put time second (after the batch).
 */
function stepTypeOf(m: IrModule, valueId: string | undefined): string | undefined {
  const type = valueId === undefined ? undefined : valueType(m.graph, valueId);
  if (!type || type.shape.length < 2) return undefined;
  return formatType({ ...type, shape: type.shape.filter((_, i) => i !== 1) });
}

function summarise(chain: readonly Node[], m: IrModule): string {
  return chain.map((n) => opSummary(n, m.graph)).join(' → ');
}

/**
 * The rows of the unrolled figure, bottom to top: the input row (`x_t`, what the first
 * recurrence reads), one row per recurrent layer in dataflow order (an `rnn/lstm/gru` with
 * `layers = L` gives L rows; a `scan` user cell one), then the model output. Empty when
 * the model has no recurrence.
 */
export function recurrentRows(m: IrModule): RecurrentRow[] {
  const graph = m.graph;
  const made = producers(graph);
  const recurrences = graph.nodes.filter(isRecurrent);
  const first = recurrences[0];
  if (!first) return [];

  // Row indices of each recurrence's top layer, assigned in dataflow order.
  const topRow = new Map<Node, number>();
  let next = 1;
  for (const node of recurrences) {
    const layers = node.op === 'scan' ? 1 : Math.max(1, numAttr(node, 'layers') ?? 1);
    next += layers;
    topRow.set(node, next - 1);
  }
  const tracer = new Tracer(made, topRow);

  const xId = first.inputs[0];
  const xChain = xId === undefined ? [] : tracer.chain(xId);
  const source = xChain[0]?.inputs[0] ?? xId;
  const inputWidth = lastDim(graph, xId) ?? 0;
  const inputName = source === undefined ? 'x' : portName(m, source);
  const stepType = stepTypeOf(m, source);
  const rows: RecurrentRow[] = [
    {
      kind: 'input',
      layer: inputName,
      label: 'x_t',
      note: xChain.length > 0 ? `${inputName} → ${summarise(xChain, m)}` : inputName,
      level: 0,
      width: inputWidth,
      hidden: inputWidth,
      direction: 'forward',
      from: -1,
      via: summarise(xChain, m),
      reads: 'each',
      ...(stepType === undefined ? {} : { stepType }),
    },
  ];

  let level = 1;
  for (const node of recurrences) {
    const x = node.inputs[0];
    const from = x === undefined ? 0 : tracer.origin(x).row;
    const chain = x === undefined || node === first ? [] : tracer.chain(x);
    let via = summarise(chain, m);
    const start = chain[0]?.inputs[0] ?? x;
    if (from === 0 && node !== first && start !== undefined && start !== source) {
      // Not the input row's sequence (a decoder reading its own targets): say what it reads.
      via = [portName(m, start), via].filter(Boolean).join(' → ');
    }
    const added = recurrentRowsOf(m, node, rows.length, level, from, via, made);
    rows.push(...added);
    level += added.length;
  }

  // The output row: the first model output that a recurrence feeds (else the first one).
  const port = m.outputs.find((p) => tracer.origin(p.value).row > 0) ?? m.outputs[0];
  if (port) {
    const origin = tracer.origin(port.value);
    const chain = tracer.chain(port.value);
    const rank = valueType(graph, port.value)?.shape.length ?? 0;
    const reads = readsOf(chain, origin, rank);
    const width = lastDim(graph, port.value) ?? 0;
    const via = summarise(chain, m);
    rows.push({
      kind: 'output',
      layer: port.name,
      label: reads === 'each' ? 'y_t' : 'y',
      note: via ? `${port.name} = ${via}` : port.name,
      level: rows.length,
      width,
      hidden: width,
      direction: 'forward',
      from: origin.row > 0 ? origin.row : rows.length - 1,
      via,
      reads,
    });
  }
  return rows;
}
