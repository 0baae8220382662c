/**
 * The versioned JSON form of a module. Writing puts keys in one fixed order (records keep
 * their insertion order) so equal modules give byte-equal files; reading checks the format
 * and version, the structure, and then everything the verifier checks.
 */
import type { Span } from '@seqlab/diagnostics';
import { MalformedIr, decodeModule } from './parse-module.js';
import type { Graph, Init, IrModule, Node, Param, TensorType, Value } from './types.js';
import { verifyModule } from './verify.js';

function spanJson(s: Span | undefined): object {
  return s ? { span: { file: s.file, start: s.start, end: s.end } } : {};
}

function typeJson(t: TensorType): object {
  return { dtype: t.dtype, shape: t.shape, ...(t.vocab === undefined ? {} : { vocab: t.vocab }) };
}

function valueJson(v: Value): object {
  return { id: v.id, ...(v.name === undefined ? {} : { name: v.name }), type: typeJson(v.type) };
}

function mapRecord<T>(r: Readonly<Record<string, T>>, f: (v: T) => object): object {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v)]));
}

function nodeJson(n: Node): object {
  return {
    id: n.id,
    op: n.op,
    name: n.name,
    inputs: n.inputs,
    outputs: n.outputs,
    attrs: n.attrs,
    params: n.params,
    ...(n.lengths === undefined ? {} : { lengths: n.lengths }),
    ...(n.body ? { body: graphJson(n.body) } : {}),
    ...spanJson(n.span),
  };
}

function graphJson(g: Graph): object {
  return {
    inputs: g.inputs,
    outputs: g.outputs,
    ...(g.lengths ? { lengths: g.lengths } : {}),
    values: mapRecord(g.values, valueJson),
    nodes: g.nodes.map(nodeJson),
  };
}

function initJson(i: Init): object {
  return { ...i };
}

function paramJson(p: Param): object {
  return {
    name: p.name,
    layer: p.layer,
    shape: p.shape,
    init: initJson(p.init),
    ...spanJson(p.span),
  };
}

/** The module as pretty JSON with a stable key order. */
export function moduleToJson(m: IrModule): string {
  const doc = {
    format: m.format,
    version: m.version,
    model: m.model,
    hyperparameters: m.hyperparameters,
    inputs: m.inputs.map((p) => ({ name: p.name, value: p.value })),
    outputs: m.outputs.map((p) => ({ name: p.name, value: p.value })),
    params: mapRecord(m.params, paramJson),
    graph: graphJson(m.graph),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Reads a module written by `moduleToJson`. Rejects other formats, other versions (naming
 * both), malformed structure and anything `verifyModule` rejects, as an error value.
 */
export function moduleFromJson(
  text: string,
): { ok: true; module: IrModule } | { ok: false; error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  let module: IrModule;
  try {
    module = decodeModule(doc);
  } catch (e) {
    if (e instanceof MalformedIr) return { ok: false, error: e.message };
    throw e;
  }
  const problems = verifyModule(module);
  if (problems.length > 0) {
    return { ok: false, error: `invalid seqlab IR:\n  ${problems.join('\n  ')}` };
  }
  return { ok: true, module };
}
