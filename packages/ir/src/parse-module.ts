/**
 * Structural decoding of a parsed JSON document into an `IrModule`: every field is checked
 * for its JSON type and copied into a fresh object, so a malformed file is reported with
 * the path of the first bad field instead of failing later in a pass or a backend.
 */
import type { Span } from '@seqlab/diagnostics';
import type {
  AttrValue,
  Dim,
  DType,
  Graph,
  HyperValue,
  Init,
  IrModule,
  Node,
  OpName,
  Param,
  Port,
  TensorType,
  Value,
} from './types.js';
import { IR_FORMAT_VERSION } from './types.js';
import { OPS } from './ops/index.js';

/** A structural problem at a JSON path; caught by `moduleFromJson` and turned into a value. */
export class MalformedIr extends Error {}

type Json = unknown;

function fail(path: string, what: string, got: Json): never {
  const shown = JSON.stringify(got);
  throw new MalformedIr(
    `${path}: expected ${what}; got ${shown === undefined ? 'nothing' : shown.slice(0, 60)}`,
  );
}

function obj(x: Json, path: string): Record<string, Json> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(path, 'an object', x);
  return x as Record<string, Json>;
}

function arr(x: Json, path: string): Json[] {
  if (!Array.isArray(x)) fail(path, 'an array', x);
  return x;
}

function str(x: Json, path: string): string {
  if (typeof x !== 'string') fail(path, 'a string', x);
  return x;
}

function num(x: Json, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, 'a number', x);
  return x;
}

function strList(x: Json, path: string): string[] {
  return arr(x, path).map((s, i) => str(s, `${path}[${i}]`));
}

function record<T>(
  x: Json,
  path: string,
  item: (v: Json, p: string, key: string) => T,
): Record<string, T> {
  const o = obj(x, path);
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(o)) out[k] = item(v, `${path}.${k}`, k);
  return out;
}

function dim(x: Json, path: string): Dim {
  if (typeof x === 'string' && x !== '') return x;
  if (typeof x === 'number' && Number.isInteger(x) && x >= 0) return x;
  return fail(path, 'a dim (a non-negative integer or a symbol)', x);
}

function span(x: Json, path: string): Span {
  const o = obj(x, path);
  return {
    file: str(o['file'], `${path}.file`),
    start: num(o['start'], `${path}.start`),
    end: num(o['end'], `${path}.end`),
  };
}

function withSpan(o: Record<string, Json>, path: string): { span?: Span } {
  return o['span'] === undefined ? {} : { span: span(o['span'], `${path}.span`) };
}

function tensorType(x: Json, path: string): TensorType {
  const o = obj(x, path);
  const dtype = o['dtype'];
  if (dtype !== 'float32' && dtype !== 'int32')
    fail(`${path}.dtype`, '"float32" or "int32"', dtype);
  const shape = arr(o['shape'], `${path}.shape`).map((d, i) => dim(d, `${path}.shape[${i}]`));
  const base = { dtype: dtype as DType, shape };
  return o['vocab'] === undefined ? base : { ...base, vocab: num(o['vocab'], `${path}.vocab`) };
}

function value(x: Json, path: string): Value {
  const o = obj(x, path);
  const base = { id: str(o['id'], `${path}.id`), type: tensorType(o['type'], `${path}.type`) };
  return o['name'] === undefined ? base : { ...base, name: str(o['name'], `${path}.name`) };
}

function attr(x: Json, path: string): AttrValue {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number') return num(x, path);
  if (Array.isArray(x)) {
    if (x.every((v) => typeof v === 'number')) return x.map((v, i) => num(v, `${path}[${i}]`));
    if (x.every((v) => typeof v === 'string')) return x as string[];
  }
  return fail(path, 'an attribute (number, string, boolean, null or a list of one kind)', x);
}

function node(x: Json, path: string): Node {
  const o = obj(x, path);
  const op = str(o['op'], `${path}.op`);
  if (!Object.hasOwn(OPS, op)) fail(`${path}.op`, 'a known op', op);
  return {
    id: str(o['id'], `${path}.id`),
    op: op as OpName,
    name: str(o['name'], `${path}.name`),
    inputs: strList(o['inputs'], `${path}.inputs`),
    outputs: strList(o['outputs'], `${path}.outputs`),
    attrs: record(o['attrs'], `${path}.attrs`, attr),
    params: record(o['params'], `${path}.params`, str),
    ...(o['lengths'] === undefined ? {} : { lengths: str(o['lengths'], `${path}.lengths`) }),
    ...(o['body'] === undefined ? {} : { body: graph(o['body'], `${path}.body`) }),
    ...withSpan(o, path),
  };
}

function graph(x: Json, path: string): Graph {
  const o = obj(x, path);
  return {
    inputs: strList(o['inputs'], `${path}.inputs`),
    outputs: strList(o['outputs'], `${path}.outputs`),
    values: record(o['values'], `${path}.values`, value),
    nodes: arr(o['nodes'], `${path}.nodes`).map((n, i) => node(n, `${path}.nodes[${i}]`)),
    ...(o['lengths'] === undefined
      ? {}
      : { lengths: record(o['lengths'], `${path}.lengths`, str) }),
  };
}

const INIT_FIELDS: Readonly<Record<Init['kind'], readonly string[]>> = {
  zeros: [],
  ones: [],
  constant: ['value'],
  uniform: ['low', 'high'],
  normal: ['mean', 'std'],
  xavier_uniform: ['gain'],
  orthogonal: ['gain'],
};

function init(x: Json, path: string): Init {
  const o = obj(x, path);
  const kind = str(o['kind'], `${path}.kind`);
  const fields = INIT_FIELDS[kind as Init['kind']] as readonly string[] | undefined;
  if (!fields) return fail(`${path}.kind`, `one of ${Object.keys(INIT_FIELDS).join(', ')}`, kind);
  const out: Record<string, Json> = { kind };
  for (const f of fields) out[f] = num(o[f], `${path}.${f}`);
  return out as unknown as Init;
}

function param(x: Json, path: string): Param {
  const o = obj(x, path);
  return {
    name: str(o['name'], `${path}.name`),
    shape: arr(o['shape'], `${path}.shape`).map((d, i) => num(d, `${path}.shape[${i}]`)),
    init: init(o['init'], `${path}.init`),
    layer: str(o['layer'], `${path}.layer`),
    ...withSpan(o, path),
  };
}

function port(x: Json, path: string): Port {
  const o = obj(x, path);
  return { name: str(o['name'], `${path}.name`), value: str(o['value'], `${path}.value`) };
}

function hyper(x: Json, path: string): HyperValue {
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number') return num(x, path);
  if (Array.isArray(x)) return x.map((v, i) => num(v, `${path}[${i}]`));
  return fail(path, 'a hyperparameter (number, string, boolean or list of numbers)', x);
}

/**
 * Decodes a parsed JSON document. Checks `format` and `version` first so an old or foreign
 * file gets a message about that rather than about its fields. Throws `MalformedIr`.
 */
export function decodeModule(x: Json): IrModule {
  const o = obj(x, 'module');
  if (o['format'] !== 'seqlab-ir') {
    throw new MalformedIr(
      `not a seqlab IR document: format is ${JSON.stringify(o['format']) ?? 'missing'} (expected "seqlab-ir")`,
    );
  }
  if (o['version'] !== IR_FORMAT_VERSION) {
    throw new MalformedIr(
      `unsupported seqlab IR version ${JSON.stringify(o['version']) ?? '(missing)'}: this seqlab reads version ${IR_FORMAT_VERSION}`,
    );
  }
  return {
    format: 'seqlab-ir',
    version: IR_FORMAT_VERSION,
    model: str(o['model'], 'module.model'),
    hyperparameters: record(o['hyperparameters'], 'module.hyperparameters', hyper),
    inputs: arr(o['inputs'], 'module.inputs').map((p, i) => port(p, `module.inputs[${i}]`)),
    outputs: arr(o['outputs'], 'module.outputs').map((p, i) => port(p, `module.outputs[${i}]`)),
    graph: graph(o['graph'], 'module.graph'),
    params: record(o['params'], 'module.params', param),
  };
}
