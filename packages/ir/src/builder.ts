/**
 * Builders for modules and graphs. The compiler adds nodes one at a time; `add` runs the
 * op's shape rule and either creates typed output values or returns the `ShapeError`, so
 * user mistakes stay values. Misuse of the builder itself (unknown value ids, duplicate
 * params) is a compiler bug and throws.
 */
import type { Span } from '@seqlab/diagnostics';
import type { OpAttrs } from './op-attrs.js';
import { OPS } from './ops/index.js';
import { isShapeError } from './ops/op-def.js';
import type { InferContext, OpDef, ShapeError } from './ops/op-def.js';
import type {
  AttrValue,
  Graph,
  HyperValue,
  IrModule,
  Node,
  OpName,
  Param,
  Port,
  TensorType,
  Value,
} from './types.js';
import { IR_FORMAT_VERSION } from './types.js';
import { verifyModule } from './verify.js';

/** The batch dim symbol. */
export const BATCH_DIM = 'B';

/** What `GraphBuilder.add` needs to create one node. */
export interface NodeSpec<K extends OpName = OpName> {
  readonly op: K;
  readonly name: string;
  readonly inputs: readonly string[];
  /** Typed per op; a plain attribute record is accepted for generic callers. */
  readonly attrs: OpAttrs[K] | Readonly<Record<string, AttrValue>>;
  /** role -> full parameter name (the params must already be added to the module). */
  readonly params?: Readonly<Record<string, string>>;
  readonly lengths?: string;
  readonly body?: Graph;
  readonly span?: Span;
}

/** The result of `GraphBuilder.add`: the new node and its output ids, or a shape error. */
export type AddResult =
  | { readonly ok: true; readonly outputs: string[]; readonly node: Node }
  | { readonly ok: false; readonly error: ShapeError };

/** Builds one graph (the top level, or a scan body) in topological order. */
export class GraphBuilder {
  private readonly values = new Map<string, Value>();
  private readonly nodes: Node[] = [];
  private readonly inputs: string[] = [];
  private outputs: string[] | undefined;
  private readonly lengthsBySymbol = new Map<string, string>();
  private nextValue = 0;
  private nextNode = 0;

  /**
   * @param prefix makes ids unique across the module (`""` top level, `"s0."` bodies).
   * @param lookupParam reads module parameters (for `param` nodes).
   */
  constructor(
    private readonly prefix: string,
    private readonly lookupParam: (name: string) => Param | undefined,
  ) {}

  private newValue(type: TensorType, name?: string): string {
    const id = `${this.prefix}v${this.nextValue++}`;
    this.values.set(id, name === undefined ? { id, type } : { id, type, name });
    return id;
  }

  private require(id: string, what: string): Value {
    const v = this.values.get(id);
    if (!v) throw new Error(`${what}: no value ${JSON.stringify(id)} in this graph`);
    return v;
  }

  /** Adds a graph input of `type`; returns its value id. */
  input(type: TensorType, name?: string): string {
    const id = this.newValue(type, name);
    this.inputs.push(id);
    return id;
  }

  /**
   * The `[B]` int32 lengths value masking the time symbol `timeSymbol`, created on first
   * use as a graph input and recorded in `Graph.lengths` (the runtime feeds it).
   */
  lengths(timeSymbol: string): string {
    const known = this.lengthsBySymbol.get(timeSymbol);
    if (known !== undefined) return known;
    const id = this.input({ dtype: 'int32', shape: [BATCH_DIM] }, `lengths_${timeSymbol}`);
    this.lengthsBySymbol.set(timeSymbol, id);
    return id;
  }

  /** Runs the op's shape rule; on success appends the node and returns its outputs. */
  add<K extends OpName>(spec: NodeSpec<K>): AddResult {
    const types = spec.inputs.map((id) => this.require(id, `${spec.op} ${spec.name}`).type);
    const def = OPS[spec.op] as unknown as OpDef<K>;
    if (!def) throw new Error(`unknown op ${JSON.stringify(spec.op)}`);
    const attrs = spec.attrs as OpAttrs[K];
    const ctx: InferContext = {
      ...(spec.body ? { body: spec.body } : {}),
      paramShape: (name) => this.lookupParam(name)?.shape,
    };
    const result = def.infer(types, attrs, ctx);
    if (isShapeError(result)) return { ok: false, error: result };
    for (const [role, name] of Object.entries(spec.params ?? {})) {
      if (!this.lookupParam(name)) {
        throw new Error(`${spec.op} ${spec.name}: param ${role} -> ${name} was not added first`);
      }
    }
    if (spec.lengths !== undefined) this.require(spec.lengths, `${spec.op} ${spec.name} lengths`);
    const outputs = result.map((t) => this.newValue(t));
    const node: Node = {
      id: `${this.prefix}n${this.nextNode++}`,
      op: spec.op,
      name: spec.name,
      inputs: [...spec.inputs],
      outputs,
      attrs: { ...(spec.attrs as Readonly<Record<string, AttrValue>>) },
      params: { ...spec.params },
      ...(spec.lengths !== undefined ? { lengths: spec.lengths } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.span ? { span: spec.span } : {}),
    };
    this.nodes.push(node);
    return { ok: true, outputs, node };
  }

  /** Whether `value` is a value of this graph. */
  has(value: string): boolean {
    return this.values.has(value);
  }

  /** The type of a value of this graph. */
  type(value: string): TensorType {
    return this.require(value, 'type').type;
  }

  /** Gives a value the user's name (`logits`). */
  setName(value: string, name: string): void {
    const v = this.require(value, 'setName');
    this.values.set(value, { ...v, name });
  }

  /** Sets the graph outputs (for a scan body: next states, then the emitted value). */
  setOutputs(values: readonly string[]): void {
    for (const v of values) this.require(v, 'setOutputs');
    this.outputs = [...values];
  }

  /** Whether `setOutputs` has been called. */
  hasOutputs(): boolean {
    return this.outputs !== undefined;
  }

  /** The finished graph (a snapshot; the builder may go on). */
  finish(): Graph {
    const lengths = Object.fromEntries(this.lengthsBySymbol);
    return {
      inputs: [...this.inputs],
      outputs: [...(this.outputs ?? [])],
      values: Object.fromEntries(this.values),
      nodes: [...this.nodes],
      ...(this.lengthsBySymbol.size > 0 ? { lengths } : {}),
    };
  }
}

/** Builds an `IrModule`: the top-level graph, scan bodies, params, input/output ports. */
export class ModuleBuilder {
  /** The top-level graph. */
  readonly graph: GraphBuilder;
  private readonly params = new Map<string, Param>();
  private readonly inputs: Port[] = [];
  private readonly outputs: Port[] = [];
  private nextBody = 0;

  constructor(
    private readonly model: string,
    private readonly hyperparameters: Record<string, HyperValue>,
  ) {
    this.graph = new GraphBuilder('', (name) => this.params.get(name));
  }

  /** A builder for a scan body; its ids never clash with other graphs of the module. */
  newBodyGraph(): GraphBuilder {
    return new GraphBuilder(`s${this.nextBody++}.`, (name) => this.params.get(name));
  }

  /** Adds a parameter; a duplicate name is a compiler bug and throws. */
  addParam(p: Param): void {
    if (this.params.has(p.name)) throw new Error(`duplicate parameter ${JSON.stringify(p.name)}`);
    if (!p.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new Error(`parameter ${p.name} has a non-integer shape [${p.shape.join(', ')}]`);
    }
    this.params.set(p.name, p);
  }

  /** Whether a parameter of that full name exists. */
  hasParam(name: string): boolean {
    return this.params.has(name);
  }

  /** The parameter of that full name, if any. */
  getParam(name: string): Param | undefined {
    return this.params.get(name);
  }

  /**
   * Convenience for built-in layers: runs the shape rule, then creates the op's params
   * (from `OPS[op].params`, named `<name>.<role>`, owned by `name`, default inits) and adds
   * the node. Nothing is created when the shape rule fails.
   */
  addLayer<K extends OpName>(graph: GraphBuilder, spec: NodeSpec<K>): AddResult {
    const def = OPS[spec.op] as unknown as OpDef<K>;
    const types = spec.inputs.map((id) => graph.type(id));
    const attrs = spec.attrs as OpAttrs[K];
    const ctx: InferContext = {
      ...(spec.body ? { body: spec.body } : {}),
      paramShape: (name) => this.params.get(name)?.shape,
    };
    const inferred = def.infer(types, attrs, ctx);
    if (isShapeError(inferred)) return { ok: false, error: inferred };
    // Parameters the caller made itself (a user cell's) are kept; the catalogue adds the rest.
    const params: Record<string, string> = { ...(spec.params ?? {}) };
    for (const ps of def.params(types, attrs)) {
      const name = `${spec.name}.${ps.role}`;
      this.addParam({
        name,
        shape: ps.shape,
        init: ps.init,
        layer: spec.name,
        ...(spec.span ? { span: spec.span } : {}),
      });
      params[ps.role] = name;
    }
    return graph.add({ ...spec, params });
  }

  /** Declares a named model input; returns its value id in the top-level graph. */
  addInput(name: string, type: TensorType): string {
    if (this.inputs.some((p) => p.name === name)) {
      throw new Error(`duplicate input ${JSON.stringify(name)}`);
    }
    const value = this.graph.input(type, name);
    this.inputs.push({ name, value });
    return value;
  }

  /** Declares a named model output reading a top-level value. */
  addOutput(name: string, value: string): void {
    if (this.outputs.some((p) => p.name === name)) {
      throw new Error(`duplicate output ${JSON.stringify(name)}`);
    }
    if (!this.graph.has(value)) throw new Error(`output ${name}: no value ${value}`);
    this.outputs.push({ name, value });
  }

  /**
   * The finished module. The top graph's outputs default to the output ports' values.
   * Throws (with every problem listed) if the verifier rejects it: that is a compiler bug.
   */
  build(): IrModule {
    if (!this.graph.hasOutputs()) this.graph.setOutputs(this.outputs.map((p) => p.value));
    const module: IrModule = {
      format: 'seqlab-ir',
      version: IR_FORMAT_VERSION,
      model: this.model,
      hyperparameters: { ...this.hyperparameters },
      inputs: [...this.inputs],
      outputs: [...this.outputs],
      graph: this.graph.finish(),
      params: Object.fromEntries(this.params),
    };
    const problems = verifyModule(module);
    if (problems.length > 0) {
      throw new Error(`invalid IR for model ${this.model}:\n  ${problems.join('\n  ')}`);
    }
    return module;
  }
}
