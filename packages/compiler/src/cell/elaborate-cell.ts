/**
 * Elaborating a user cell into a `scan` node: its hyperparameters and `in`, parameters
 * (module-level, PyTorch-style names), states (body inputs), then the equations (evaluated
 * by cell-body.ts) and the scan node that runs them over time.
 */
import { formatShape, type Dim, type Init } from '@seqlab/ir';
import type { CellDecl, StateDecl } from '@seqlab/syntax';
import { evalConst, recordScope, type ConstValue } from '../eval/constant.js';
import { evalDims } from '../eval/dims.js';
import type { CallSite } from '../layers/layer-def.js';
import type { LayerContext } from '../model/context.js';
import { CellBody, type CellVal } from './cell-body.js';
import { evalInit } from './initialisers.js';

/** What a cell application produced at the top level. */
export interface ScanResult {
  readonly emitted: string;
  readonly finalStates: Readonly<Record<string, string>>;
}

/**
 * Elaborate `decl` applied to the sequence `x` (a top-level value `[B, T, D]`). `suffix`
 * distinguishes the reverse direction's parameters (`W_reverse`), like PyTorch.
 */
export function elaborateCell(
  ctx: LayerContext,
  decl: CellDecl,
  x: string,
  args: Readonly<Record<string, ConstValue>>,
  site: CallSite,
  opts: { reverse: boolean; suffix: string },
): ScanResult | undefined {
  const rep = ctx.rep;
  const cellName = decl.name.name;
  if (ctx.active.has(cellName)) {
    rep.error('recursiveModel', site.span, `cell ${cellName} cannot use itself`);
    return undefined;
  }
  // A cell with a syntax error was reported by the parser; elaborating it would only cascade.
  if (ctx.program.hasSyntaxError(decl)) return undefined;
  const errorsBefore = rep.errorCount;
  const xType = ctx.type(x);
  if (xType.shape.length !== 3 || xType.dtype !== 'float32') {
    rep.error(
      xType.dtype !== 'float32' ? 'dtypeMismatch' : 'rankMismatch',
      site.span,
      `${cellName} expects a float sequence [B, T, D]; got ${xType.dtype === 'int32' ? 'int ' : ''}${formatShape(xType.shape)}`,
      xType.dtype !== 'float32' ? 'embed token ids first: x |> embed(32) |> ...' : undefined,
    );
    return undefined;
  }
  const width = xType.shape[2];
  if (typeof width !== 'number') {
    rep.error(
      'symbolicDim',
      site.span,
      `${cellName} needs a known input width; got ${formatShape(xType.shape)}`,
    );
    return undefined;
  }

  // The cell's constants: its hyperparameters (call args, then defaults) and `in`.
  const consts: Record<string, ConstValue> = {};
  for (const p of decl.params) {
    const given = args[p.name.name];
    if (given !== undefined && given !== null) consts[p.name.name] = given;
    else if (p.default) {
      const v = evalConst(p.default, recordScope(consts), rep);
      if (v !== undefined) consts[p.name.name] = v;
    }
  }
  consts['in'] = width;
  const scope = recordScope(consts);

  const layer = site.layerName;
  const bg = ctx.mb.newBodyGraph();
  const body = new CellBody(ctx, bg, scope, `${layer}`, opts.suffix);
  const xt = bg.input({ dtype: 'float32', shape: ['B', width] }, 'x');
  body.env.set('x', { id: xt, batched: true });

  // Parameters (module-level, named `${layer}.${name}${suffix}`) and states (body inputs).
  for (const stmt of decl.body) {
    if (stmt.kind !== 'ParamDecl') continue;
    if (!body.declare(stmt.name.name, stmt.name.span)) continue;
    const dims = evalDims(stmt.type.dims, scope, rep, false);
    if (!dims) {
      body.poisoned.add(stmt.name.name); // reported: its uses would only repeat it
      continue;
    }
    // Without symbols allowed every dim is a number.
    const shape = dims as number[];
    const init: Init | undefined = stmt.init
      ? evalInit(stmt.init, scope, rep)
      : { kind: 'uniform', low: -1 / Math.sqrt(shape[0] ?? 1), high: 1 / Math.sqrt(shape[0] ?? 1) };
    if (!init) continue;
    const full = `${layer}.${stmt.name.name}${opts.suffix}`;
    ctx.mb.addParam({ name: full, shape, init, layer, span: stmt.span });
    body.params.set(stmt.name.name, full);
  }
  const states: { decl: StateDecl; shape: Dim[] }[] = [];
  for (const stmt of decl.body) {
    if (stmt.kind !== 'StateDecl') continue;
    if (!body.declare(stmt.name.name, stmt.name.span)) continue;
    const shape = evalDims(stmt.type.dims, scope, rep, false);
    if (!shape) {
      body.poisoned.add(stmt.name.name);
      continue;
    }
    const id = bg.input({ dtype: 'float32', shape: ['B', ...shape] }, stmt.name.name);
    body.env.set(stmt.name.name, { id, batched: true });
    states.push({ decl: stmt, shape });
  }
  const stateInit: ('zeros' | 'ones')[] = states.map(({ decl: s }) => {
    if (!s.init) return 'zeros';
    if (
      s.init.kind === 'NameExpr' &&
      (s.init.name.name === 'zeros' || s.init.name.name === 'ones')
    ) {
      return s.init.name.name;
    }
    rep.error('argumentType', s.init.span, 'a state starts at `zeros` or `ones`');
    return 'zeros';
  });

  // Equations in order; `emit` exactly once.
  ctx.active.add(cellName);
  let emitted: CellVal | undefined;
  let emits = 0;
  const assigned = new Set<string>();
  for (const stmt of decl.body) {
    if (stmt.kind === 'AssignStmt') {
      body.assign(stmt.targets, stmt.value, stmt.span, assigned);
    } else if (stmt.kind === 'EmitStmt') {
      emits++;
      if (emits > 1) rep.error('emitCount', stmt.span, `cell ${cellName} emits more than once`);
      emitted = body.eval(stmt.value);
    }
  }
  ctx.active.delete(cellName);
  if (emits === 0) {
    rep.error(
      'emitCount',
      decl.name.span,
      `cell ${cellName} never emits a value`,
      'end it with `emit h`',
    );
  }
  for (const { decl: s } of states) {
    if (!assigned.has(s.name.name)) {
      rep.warning(
        'stateNeverUpdated',
        s.name.span,
        `state \`${s.name.name}\` is never assigned, so it never changes`,
      );
    }
  }
  if (rep.errorCount > errorsBefore || !emitted) return undefined;
  if (!emitted.batched) {
    rep.error(
      'stateShape',
      site.span,
      `cell ${cellName} emits a value that does not depend on x or a state`,
    );
    return undefined;
  }

  // Check the states' final shapes, then close the body.
  const outs: string[] = [];
  for (const { decl: s, shape } of states) {
    const v = body.env.get(s.name.name);
    if (!v) return undefined;
    const got = bg.type(v.id).shape;
    const want = ['B', ...shape];
    if (!v.batched || got.length !== want.length || got.some((d, i) => d !== want[i])) {
      rep.error(
        'stateShape',
        s.name.span,
        `state \`${s.name.name}\` is ${formatShape(shape)} but is assigned a value of shape ${formatShape(body.perExample(v))}`,
      );
      return undefined;
    }
    outs.push(v.id);
  }
  bg.setOutputs([...outs, emitted.id]);
  const params: Record<string, string> = {};
  for (const [short, full] of body.params) params[`${short}${opts.suffix}`] = full;
  const scanOut = ctx.addNode(
    'scan',
    {
      cell: cellName,
      num_sequences: 1,
      state_names: states.map((s) => s.decl.name.name),
      state_init: stateInit,
      reverse: opts.reverse,
    },
    [x],
    site.span,
    {
      name: opts.reverse ? ctx.derivedName(`${layer}_reverse`) : layer,
      maskedBy: x,
      body: bg.finish(),
      params,
    },
  );
  if (!scanOut?.[0]) return undefined;
  const finalStates: Record<string, string> = {};
  states.forEach((s, i) => {
    const id = scanOut[i + 1];
    if (id) finalStates[s.decl.name.name] = id;
  });
  return { emitted: scanOut[0], finalStates };
}
