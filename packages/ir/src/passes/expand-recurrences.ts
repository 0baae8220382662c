/**
 * Rewrites built-in `rnn`/`lstm`/`gru` nodes into `scan` nodes over explicit cell bodies
 * (see recurrent-cells.ts), one scan per layer and direction, keeping parameter names.
 * Layers are chained; bidirectional layers concatenate the forward and reverse sequences.
 *
 * `h_n`/`c_n` are `[layers*dirs, B, H]` and the IR has no stack op, so a node is expanded
 * only when it has no initial-state inputs and its final states feed nothing but matching
 * `final_state` nodes, which are replaced by the top layer's scan states. Other nodes are
 * left as they are (still valid IR).
 */
import { OPS } from '../ops/index.js';
import { isShapeError } from '../ops/op-def.js';
import type { InferContext, OpDef } from '../ops/op-def.js';
import { isRecurrent } from '../ops/properties.js';
import { directions, RECURRENCES, type RecurrentName } from '../ops/recurrent.js';
import type { AttrValue, Dim, Graph, IrModule, Node, OpName, Port, Value } from '../types.js';
import type { Pass } from './pass.js';
import { buildCellBody } from './recurrent-cells.js';

/** Who reads each value: consuming nodes, and whether a graph output or port does. */
function consumers(m: IrModule): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  for (const node of m.graph.nodes) {
    for (const id of [...node.inputs, ...(node.lengths === undefined ? [] : [node.lengths])]) {
      const list = out.get(id) ?? [];
      list.push(node);
      out.set(id, list);
    }
  }
  return out;
}

function expandable(m: IrModule, node: Node, readers: Map<string, Node[]>): boolean {
  if (!isRecurrent(node.op) || node.inputs.length !== 1) return false;
  const exported = new Set([...m.graph.outputs, ...m.outputs.map((p) => p.value)]);
  return node.outputs
    .slice(1)
    .every(
      (id) =>
        !exported.has(id) &&
        (readers.get(id) ?? []).every(
          (r) =>
            r.op === 'final_state' &&
            r.inputs[0] === id &&
            r.attrs['layers'] === node.attrs['layers'] &&
            r.attrs['bidirectional'] === node.attrs['bidirectional'],
        ),
    );
}

/** Appends typed nodes to the rewritten top-level graph. */
class Emitter {
  readonly nodes: Node[] = [];
  private count = 0;
  constructor(
    private readonly m: IrModule,
    readonly values: Record<string, Value>,
    private readonly prefix: string,
  ) {}

  emit(
    op: OpName,
    name: string,
    inputs: string[],
    attrs: Record<string, AttrValue>,
    extra: Pick<Node, 'params' | 'lengths' | 'body' | 'span'>,
  ): string[] {
    const types = inputs.map((id) => {
      const t = this.values[id]?.type;
      if (!t) throw new Error(`expand-recurrences: no value ${id}`);
      return t;
    });
    const ctx: InferContext = {
      ...(extra.body ? { body: extra.body } : {}),
      paramShape: (p) => this.m.params[p]?.shape,
    };
    const def = OPS[op] as unknown as OpDef<'scan'>;
    const result = def.infer(types, attrs as never, ctx);
    if (isShapeError(result)) throw new Error(`expand-recurrences: ${name}: ${result.message}`);
    const k = this.count++;
    const outputs = result.map((type, i) => {
      const id = `${this.prefix}v${k}.${i}`;
      if (this.values[id]) throw new Error(`expand-recurrences: value id ${id} already exists`);
      this.values[id] = { id, type };
      return id;
    });
    this.nodes.push({
      id: `${this.prefix}n${k}`,
      op,
      name,
      inputs,
      outputs,
      attrs,
      params: extra.params,
      ...(extra.lengths === undefined ? {} : { lengths: extra.lengths }),
      ...(extra.body ? { body: extra.body } : {}),
      ...(extra.span ? { span: extra.span } : {}),
    });
    return outputs;
  }
}

/** Emits the scans of one recurrent node; returns its replacement seq and top states. */
function expandNode(m: IrModule, node: Node, emitter: Emitter): { seq: string; finals: string[] } {
  const op = node.op as RecurrentName;
  const a = node.attrs;
  const hidden = Number(a['hidden']);
  const layers = Number(a['layers']);
  const dirs = directions({ bidirectional: a['bidirectional'] === true });
  const single = layers === 1 && dirs === 1;
  const x = node.inputs[0] as string;
  const xType = emitter.values[x]?.type;
  const batch: Dim = xType?.shape[0] ?? 'B';
  let seq = x;
  let finals: string[] = [];
  for (let k = 0; k < layers; k++) {
    const inWidth = Number(emitter.values[seq]?.type.shape[2]);
    const seqs: string[] = [];
    const layerFinals: string[][] = [];
    for (let d = 0; d < dirs; d++) {
      const name = single ? node.name : `${node.name}_l${k}${d === 1 ? '_reverse' : ''}`;
      const { body, params } = buildCellBody(
        {
          op,
          hidden,
          inWidth,
          layer: k,
          direction: d,
          bias: a['bias'] !== false,
          nonlinearity: a['nonlinearity'] === 'relu' ? 'relu' : 'tanh',
          params: node.params,
          batch,
        },
        `${node.id}.l${k}d${d}.`,
        (p) => m.params[p],
      );
      const states = [...RECURRENCES[op].states];
      const [out, ...fin] = emitter.emit(
        'scan',
        name,
        [seq],
        {
          num_sequences: 1,
          state_names: states,
          state_init: states.map(() => 'zeros'),
          reverse: d === 1,
        },
        {
          params,
          ...(node.lengths === undefined ? {} : { lengths: node.lengths }),
          body,
          ...(node.span ? { span: node.span } : {}),
        },
      );
      seqs.push(out as string);
      layerFinals.push(fin);
    }
    seq =
      dirs === 1
        ? (seqs[0] as string)
        : (emitter.emit(
            'concat',
            `${node.name}_l${k}_concat`,
            seqs,
            {},
            { params: {} },
          )[0] as string);
    finals = layerFinals[0] ?? [];
    if (k === layers - 1 && dirs === 2) {
      // Top layer's final states, directions concatenated, are what final_state returns.
      finals = finals.map(
        (_, s) =>
          emitter.emit(
            'concat',
            `${node.name}_final${s}`,
            layerFinals.map((f) => f[s] as string),
            {},
            { params: {} },
          )[0] as string,
      );
    }
  }
  return { seq, finals };
}

function expand(m: IrModule): IrModule {
  const readers = consumers(m);
  const targets = m.graph.nodes.filter((n) => expandable(m, n, readers));
  if (targets.length === 0) return m;
  const values: Record<string, Value> = { ...m.graph.values };
  const rename = new Map<string, string>();
  const nodes: Node[] = [];
  const map = (id: string): string => rename.get(id) ?? id;
  const moveName = (from: string, to: string): void => {
    const old = values[from];
    const target = values[to];
    if (old?.name !== undefined && target && target.name === undefined) {
      values[to] = { ...target, name: old.name };
    }
    delete values[from];
    rename.set(from, to);
  };
  // final_state nodes of expanded recurrences: their value -> the top layer's state.
  const stateOf = new Map<string, string>();
  for (const node of m.graph.nodes) {
    if (node.op === 'final_state' && stateOf.has(node.inputs[0] as string)) {
      moveName(node.outputs[0] as string, stateOf.get(node.inputs[0] as string) as string);
      continue;
    }
    const moved: Node = {
      ...node,
      inputs: node.inputs.map(map),
      ...(node.lengths === undefined ? {} : { lengths: map(node.lengths) }),
    };
    if (!targets.includes(node)) {
      nodes.push(moved);
      continue;
    }
    const emitter = new Emitter(m, values, `${node.id}.`);
    const { seq, finals } = expandNode(m, moved, emitter);
    nodes.push(...emitter.nodes);
    moveName(node.outputs[0] as string, seq);
    node.outputs.slice(1).forEach((id, s) => {
      delete values[id];
      const fin = finals[s];
      if (fin !== undefined) stateOf.set(id, fin);
    });
  }
  const graph: Graph = { ...m.graph, values, nodes, outputs: m.graph.outputs.map(map) };
  const outputs: Port[] = m.outputs.map((p) => ({ name: p.name, value: map(p.value) }));
  return { ...m, graph, outputs };
}

/** Rewrites rnn/lstm/gru nodes into equivalent scans over explicit cell bodies. */
export const expandRecurrences: Pass = { name: 'expand-recurrences', run: expand };
