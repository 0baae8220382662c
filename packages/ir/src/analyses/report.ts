/**
 * The per-layer report: output shapes, parameter counts (equal to PyTorch's for the same
 * modules, since both come from `OPS[op].params`), FLOPs per step, receptive fields and
 * recurrent state sizes. Used by `seqlab check`, the playground and the diagrams.
 */
import type { Span } from '@seqlab/diagnostics';
import { numericVolume } from '../dims.js';
import { OPS } from '../ops/index.js';
import type { InferContext, OpDef } from '../ops/op-def.js';
import { recurrenceOf } from '../ops/properties.js';
import { directions } from '../ops/recurrent.js';
import type { Dim, DType, Graph, IrModule, Node, OpName, TensorType } from '../types.js';
import { receptiveFields, widestField } from './receptive-field.js';

/** One layer (top-level node) of the report. */
export interface LayerReport {
  readonly name: string;
  readonly op: OpName;
  readonly outputShape: readonly Dim[];
  readonly params: number;
  readonly flopsPerStep: number;
  /** Steps of input seen per output step, or 'all' once a recurrence or reduction ran. */
  readonly receptiveField?: number | 'all';
  /** Recurrences: floats carried from step to step per example. */
  readonly stateSize?: number;
  /** For a user cell (scan): the cell's name. */
  readonly cell?: string;
  readonly span?: Span;
}

/** The whole-model report. */
export interface ModuleReport {
  readonly model: string;
  readonly inputs: { name: string; shape: readonly Dim[]; dtype: DType; vocab?: number }[];
  readonly outputs: { name: string; shape: readonly Dim[]; dtype: DType }[];
  /** Every top-level node except `param` and `constant`, in graph order. */
  readonly layers: LayerReport[];
  readonly totalParams: number;
  readonly totalFlopsPerStep: number;
  /** Widest receptive field over the outputs, when they depend on the inputs. */
  readonly receptiveField?: number | 'all';
}

/** Names of every param a node uses: its role map plus `param` reads in its body. */
function paramsUsed(node: Node, into: Set<string>): Set<string> {
  for (const name of Object.values(node.params)) into.add(name);
  if (node.op === 'param' && typeof node.attrs['name'] === 'string') into.add(node.attrs['name']);
  for (const inner of node.body?.nodes ?? []) paramsUsed(inner, into);
  return into;
}

function stateSize(node: Node): number | undefined {
  const a = node.attrs;
  const recurrence = recurrenceOf(node.op);
  if (recurrence !== undefined) {
    const perLayer =
      Number(a['hidden']) * directions({ bidirectional: a['bidirectional'] === true });
    return Number(a['layers']) * perLayer * recurrence.states.length;
  }
  if (node.op === 'scan' && node.body) {
    const body: Graph = node.body;
    const nSeq = Number(a['num_sequences']);
    return body.inputs
      .slice(nSeq)
      .reduce((sum, id) => sum + numericVolume(body.values[id]?.type.shape ?? []), 0);
  }
  return undefined;
}

function typeOf(graph: Graph, id: string): TensorType {
  const t = graph.values[id]?.type;
  if (!t) throw new Error(`analyzeModule: value ${id} is missing (verify the module first)`);
  return t;
}

/** Reports every layer of a verified module. */
export function analyzeModule(m: IrModule): ModuleReport {
  const { graph } = m;
  const fields = receptiveFields(graph);
  const layers: LayerReport[] = [];
  for (const node of graph.nodes) {
    if (node.op === 'param' || node.op === 'constant') continue;
    const inputs = node.inputs.map((id) => typeOf(graph, id));
    const def = OPS[node.op] as unknown as OpDef<'scan'>;
    const ctx: InferContext = node.body ? { body: node.body } : {};
    const params = [...paramsUsed(node, new Set())].reduce(
      (sum, name) => sum + numericVolume(m.params[name]?.shape ?? [0]),
      0,
    );
    const first = node.outputs[0];
    const rf = first === undefined ? undefined : widestField([fields.get(first)]);
    const state = stateSize(node);
    layers.push({
      name: node.name,
      op: node.op,
      outputShape: first === undefined ? [] : typeOf(graph, first).shape,
      params,
      flopsPerStep: def.flopsPerStep(inputs, node.attrs as never, ctx),
      ...(rf === undefined ? {} : { receptiveField: rf }),
      ...(state === undefined ? {} : { stateSize: state }),
      ...(typeof node.attrs['cell'] === 'string' ? { cell: node.attrs['cell'] } : {}),
      ...(node.span ? { span: node.span } : {}),
    });
  }
  const totalParams = Object.values(m.params).reduce((sum, p) => sum + numericVolume(p.shape), 0);
  const rf = widestField(m.outputs.map((p) => fields.get(p.value)));
  return {
    model: m.model,
    inputs: m.inputs.map((p) => {
      const t = typeOf(graph, p.value);
      return {
        name: p.name,
        shape: t.shape,
        dtype: t.dtype,
        ...(t.vocab === undefined ? {} : { vocab: t.vocab }),
      };
    }),
    outputs: m.outputs.map((p) => {
      const t = typeOf(graph, p.value);
      return { name: p.name, shape: t.shape, dtype: t.dtype };
    }),
    layers,
    totalParams,
    totalFlopsPerStep: layers.reduce((sum, l) => sum + l.flopsPerStep, 0),
    ...(rf === undefined ? {} : { receptiveField: rf }),
  };
}
