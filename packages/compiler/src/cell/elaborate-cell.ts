/**
 * Elaborating a user cell into a `scan` node: its hyperparameters and `in`, parameters
 * (module-level, PyTorch-style names), states (body inputs), then the equations (evaluated
 * by cell-body.ts) and the scan node that runs them over time.
 */
import { formatShape, type GraphBuilder, type Init } from '@seqlab/ir';
import type { CellDecl } from '@seqlab/syntax';
import { evalConst, recordScope, type ConstScope, type ConstValue } from '../eval/constant.js';
import { evalDims } from '../eval/dims.js';
import type { CallSite } from '../layers/layer-def.js';
import type { LayerContext } from '../model/context.js';
import type { Reporter } from '../reporter.js';
import { CellBody, type CellVal } from './cell-body.js';
import {
  declareStates,
  finalStateIds,
  stateInits,
  warnUnassignedStates,
  type CellState,
  type StateInit,
} from './cell-states.js';
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
  const width = sequenceWidth(ctx, cellName, x, site);
  if (width === undefined) return undefined;
  const scope = recordScope(cellConstants(decl, args, width, rep));

  const layer = site.layerName;
  const bg = ctx.mb.newBodyGraph();
  const body = new CellBody(ctx, bg, scope, `${layer}`, opts.suffix);
  const xt = bg.input({ dtype: 'float32', shape: ['B', width] }, 'x');
  body.env.set('x', { id: xt, batched: true });
  declareParams(ctx, decl, body, scope, layer, opts.suffix);
  const states = declareStates(decl, body, bg, scope, rep);
  const stateInit = stateInits(states, rep);

  const emitted = evalEquations(ctx, decl, body, states);
  if (rep.errorCount > errorsBefore || !emitted) return undefined;
  if (!emitted.batched) {
    rep.error(
      'stateShape',
      site.span,
      `cell ${cellName} emits a value that does not depend on x or a state`,
    );
    return undefined;
  }
  const outs = finalStateIds(body, bg, states, rep);
  if (!outs) return undefined;
  bg.setOutputs([...outs, emitted.id]);
  return addScanNode(ctx, x, site, opts, { cellName, body, bg, states, stateInit });
}

/** The width D of the float sequence `x` `[B, T, D]`, or undefined (reported) when it is not one. */
function sequenceWidth(
  ctx: LayerContext,
  cellName: string,
  x: string,
  site: CallSite,
): number | undefined {
  const rep = ctx.rep;
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
  return width;
}

/** The cell's constants: its hyperparameters (call args, then defaults) and `in`. */
function cellConstants(
  decl: CellDecl,
  args: Readonly<Record<string, ConstValue>>,
  width: number,
  rep: Reporter,
): Record<string, ConstValue> {
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
  return consts;
}

/** Add the cell's parameters to the model, named `${layer}.${name}${suffix}` like PyTorch. */
function declareParams(
  ctx: LayerContext,
  decl: CellDecl,
  body: CellBody,
  scope: ConstScope,
  layer: string,
  suffix: string,
): void {
  const rep = ctx.rep;
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
    const full = `${layer}.${stmt.name.name}${suffix}`;
    ctx.mb.addParam({ name: full, shape, init, layer, span: stmt.span });
    body.params.set(stmt.name.name, full);
  }
}

/** Evaluate the equations in order, checking that the cell emits exactly once; the emitted value. */
function evalEquations(
  ctx: LayerContext,
  decl: CellDecl,
  body: CellBody,
  states: readonly CellState[],
): CellVal | undefined {
  const rep = ctx.rep;
  const cellName = decl.name.name;
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
  warnUnassignedStates(states, assigned, rep);
  return emitted;
}

/** A cell whose body graph has its outputs set, ready to become a scan node. */
interface ClosedCell {
  readonly cellName: string;
  readonly body: CellBody;
  readonly bg: GraphBuilder;
  readonly states: readonly CellState[];
  readonly stateInit: StateInit[];
}

/** Add the scan node running `cell` over `x`; its emitted sequence and final states. */
function addScanNode(
  ctx: LayerContext,
  x: string,
  site: CallSite,
  opts: { reverse: boolean; suffix: string },
  cell: ClosedCell,
): ScanResult | undefined {
  const { states, bg } = cell;
  const layer = site.layerName;
  const params: Record<string, string> = {};
  for (const [short, full] of cell.body.params) params[`${short}${opts.suffix}`] = full;
  const scanOut = ctx.addNode(
    'scan',
    {
      cell: cell.cellName,
      num_sequences: 1,
      state_names: states.map((s) => s.decl.name.name),
      state_init: cell.stateInit,
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
