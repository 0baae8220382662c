/**
 * The IR verifier, run after building and after every pass. It re-derives everything that
 * can be derived (output types from the shape rules, parameter shapes from the catalogue)
 * and reports each disagreement as a readable line. `[]` means the module is valid.
 */
import { formatShape, sameShape } from './dims.js';
import { OPS } from './ops/index.js';
import { isShapeError } from './ops/op-def.js';
import type { InferContext, OpDef } from './ops/op-def.js';
import type { Graph, IrModule, Node, TensorType } from './types.js';
import { IR_FORMAT_VERSION } from './types.js';

function describeType(t: TensorType): string {
  return `${t.dtype}${formatShape(t.shape)}${t.vocab === undefined ? '' : `<${t.vocab}`}`;
}

function sameType(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && a.vocab === b.vocab && sameShape(a.shape, b.shape);
}

function isLengthsType(t: TensorType): boolean {
  return t.dtype === 'int32' && t.shape.length === 1;
}

interface Scope {
  readonly module: IrModule;
  readonly problems: string[];
  readonly nodeIds: Set<string>;
}

function nodeLabel(path: string, node: Node): string {
  return `${path}node ${node.id} (${node.op} ${JSON.stringify(node.name)})`;
}

function checkParams(scope: Scope, label: string, node: Node, types: readonly TensorType[]): void {
  const { module, problems } = scope;
  for (const [role, name] of Object.entries(node.params)) {
    if (!module.params[name]) problems.push(`${label}: param ${role} -> ${name} does not exist`);
  }
  if (node.op === 'scan' || node.op === 'param') return;
  const def = OPS[node.op] as unknown as OpDef<'dense'>;
  const expected = def.params(types, node.attrs as never);
  const roles = new Set(expected.map((s) => s.role));
  for (const role of Object.keys(node.params)) {
    if (!roles.has(role)) problems.push(`${label}: unexpected param role ${role}`);
  }
  for (const spec of expected) {
    const name = node.params[spec.role];
    if (name === undefined) {
      problems.push(`${label}: missing param role ${spec.role}`);
      continue;
    }
    const p = module.params[name];
    if (p && !sameShape(p.shape, spec.shape)) {
      problems.push(
        `${label}: param ${name} is ${formatShape(p.shape)} but ${node.op} needs ${formatShape(spec.shape)} for ${spec.role}`,
      );
    }
  }
}

function verifyNode(
  scope: Scope,
  graph: Graph,
  path: string,
  node: Node,
  defined: Set<string>,
): void {
  const { problems } = scope;
  const label = nodeLabel(path, node);
  if (scope.nodeIds.has(node.id)) problems.push(`${label}: duplicate node id`);
  scope.nodeIds.add(node.id);
  const def = OPS[node.op] as unknown as OpDef<'scan'> | undefined;
  if (!def) {
    problems.push(`${label}: unknown op`);
    return;
  }
  let inputsOk = true;
  for (const id of node.inputs) {
    if (!defined.has(id)) {
      problems.push(
        `${label}: uses ${id} ${graph.values[id] ? 'before it is defined' : 'which does not exist'}`,
      );
      inputsOk = false;
    }
  }
  if (node.lengths !== undefined) {
    const t = graph.values[node.lengths]?.type;
    if (!defined.has(node.lengths) || !t) {
      problems.push(`${label}: lengths ${node.lengths} is not defined before use`);
    } else if (!isLengthsType(t)) {
      problems.push(`${label}: lengths ${node.lengths} must be [B] int32; got ${describeType(t)}`);
    }
  }
  if (node.body && node.op !== 'scan') problems.push(`${label}: only scan nodes have a body`);
  if (node.op === 'scan') {
    if (!node.body) problems.push(`${label}: scan without a body`);
    else verifyGraph(scope, node.body, `${path}${node.name}.body: `);
  }
  if (node.op === 'param') {
    const name = node.attrs['name'];
    if (typeof name !== 'string' || !scope.module.params[name]) {
      problems.push(`${label}: reads unknown parameter ${JSON.stringify(name)}`);
    }
  }
  for (const id of node.outputs) {
    if (defined.has(id)) problems.push(`${label}: redefines ${id} (values are SSA)`);
    else if (!graph.values[id]) problems.push(`${label}: output ${id} has no value entry`);
    defined.add(id);
  }
  if (!inputsOk) return;
  const types = node.inputs.map((id) => graph.values[id]?.type as TensorType);
  const ctx: InferContext = {
    ...(node.body ? { body: node.body } : {}),
    paramShape: (name) => scope.module.params[name]?.shape,
  };
  const inferred = def.infer(types, node.attrs as never, ctx);
  if (isShapeError(inferred)) {
    problems.push(`${label}: shape rule fails: ${inferred.message}`);
    return;
  }
  if (inferred.length !== node.outputs.length) {
    problems.push(
      `${label}: has ${node.outputs.length} outputs; ${node.op} gives ${inferred.length}`,
    );
  } else {
    inferred.forEach((t, i) => {
      const id = node.outputs[i] as string;
      const got = graph.values[id]?.type;
      if (got && !sameType(got, t)) {
        problems.push(
          `${label}: output ${id} is ${describeType(got)} but ${node.op} gives ${describeType(t)}`,
        );
      }
    });
  }
  checkParams(scope, label, node, types);
}

function verifyGraph(scope: Scope, graph: Graph, path: string): void {
  const { problems } = scope;
  for (const [key, v] of Object.entries(graph.values)) {
    if (v.id !== key) problems.push(`${path}value entry ${key} has id ${v.id}`);
  }
  const defined = new Set<string>();
  for (const id of graph.inputs) {
    if (!graph.values[id]) problems.push(`${path}graph input ${id} has no value entry`);
    if (defined.has(id)) problems.push(`${path}graph input ${id} is listed twice`);
    defined.add(id);
  }
  for (const node of graph.nodes) verifyNode(scope, graph, path, node, defined);
  for (const id of Object.keys(graph.values)) {
    if (!defined.has(id))
      problems.push(`${path}value ${id} is neither an input nor produced by a node`);
  }
  for (const id of graph.outputs) {
    if (!defined.has(id)) problems.push(`${path}graph output ${id} is not defined`);
  }
  for (const [symbol, id] of Object.entries(graph.lengths ?? {})) {
    const t = graph.values[id]?.type;
    if (!t || !defined.has(id)) {
      problems.push(`${path}lengths of ${symbol} (${id}) is not defined in this graph`);
    } else if (!isLengthsType(t)) {
      problems.push(
        `${path}lengths of ${symbol} (${id}) must be [B] int32; got ${describeType(t)}`,
      );
    }
  }
}

/**
 * Checks a module's invariants: SSA, definition before use, output types equal to the shape
 * rules' (re-inferred), parameters present with the catalogue's shapes, `param` nodes naming
 * existing params, scan bodies (recursively) matching their nodes, ports pointing to values,
 * lengths values typed `[B]` int32. Returns one line per problem; `[]` when valid.
 */
export function verifyModule(m: IrModule): string[] {
  const problems: string[] = [];
  if (m.format !== 'seqlab-ir')
    problems.push(`format is ${JSON.stringify(m.format)}, not "seqlab-ir"`);
  if (m.version !== IR_FORMAT_VERSION) {
    problems.push(`version is ${String(m.version)}; this build handles ${IR_FORMAT_VERSION}`);
  }
  for (const [key, p] of Object.entries(m.params)) {
    if (p.name !== key) problems.push(`param entry ${key} is named ${p.name}`);
    if (!p.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      problems.push(`param ${key} has an invalid shape [${p.shape.join(', ')}]`);
    }
  }
  const scope: Scope = { module: m, problems, nodeIds: new Set() };
  verifyGraph(scope, m.graph, '');
  const names = new Set<string>();
  for (const port of m.inputs) {
    if (names.has(`in:${port.name}`)) problems.push(`input ${port.name} is declared twice`);
    names.add(`in:${port.name}`);
    if (!m.graph.inputs.includes(port.value)) {
      problems.push(`input ${port.name} points to ${port.value}, which is not a graph input`);
    }
  }
  for (const port of m.outputs) {
    if (names.has(`out:${port.name}`)) problems.push(`output ${port.name} is declared twice`);
    names.add(`out:${port.name}`);
    if (!m.graph.values[port.value]) {
      problems.push(`output ${port.name} points to ${port.value}, which does not exist`);
    }
  }
  return problems;
}
