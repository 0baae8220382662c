/**
 * Stage 2: elaborate one model declaration into an IR module. Statements run in order;
 * each binding names a value; layer calls become IR nodes through their `LayerDef`.
 */
import type { Span } from '@seqlab/diagnostics';
import { ModuleBuilder, type HyperValue, type IrModule } from '@seqlab/ir';
import type { AssignStmt, ArrowStmt, CallExpr, Expr, Identifier, ModelDecl } from '@seqlab/syntax';
import { recordScope, type ConstValue } from '../eval/constant.js';
import { evalInputType } from '../eval/dims.js';
import { didYouMean } from '../eval/suggest.js';
import type { LayerDef } from '../layers/layer-def.js';
import { BUILTIN_LAYERS } from '../layers/registry.js';
import { cellLayer } from '../cell/cell-layer.js';
import type { LoadedProgram } from '../program/load.js';
import type { Reporter } from '../reporter.js';
import { bindArgs } from './bind-args.js';
import { binaryOp, sliceOp } from './operators.js';
import { LayerContext } from './context.js';
import { modelPath } from './model-refs.js';
import { firstOutput, tensor, type ModelVal } from './values.js';

interface Binding {
  readonly val: ModelVal;
  readonly span: Span;
  used: boolean;
}

/** Elaborate `decl` with resolved hyperparameters; `undefined` if errors were reported. */
export function elaborateModel(
  decl: ModelDecl,
  hyper: Readonly<Record<string, HyperValue>>,
  program: LoadedProgram,
  rep: Reporter,
): IrModule | undefined {
  const errorsBefore = rep.errorCount;
  const mb = new ModuleBuilder(decl.name.name, { ...hyper });
  const hyperScope = recordScope(hyper as Record<string, ConstValue>);
  const ctx = new LayerContext(mb, rep, program, hyperScope);
  const el = new ModelElaborator(ctx, program, decl.name.name);

  const outputs: Identifier[] = [];
  for (const stmt of decl.body) {
    switch (stmt.kind) {
      case 'InputDecl': {
        const type = evalInputType(stmt.type, hyperScope, rep);
        if (!type) el.poison(stmt.name.name);
        if (!type || !el.canBind(stmt.name)) break;
        el.bind(stmt.name, tensor(mb.addInput(stmt.name.name, type)), true);
        break;
      }
      case 'OutputDecl':
        outputs.push(...stmt.names);
        break;
      case 'AssignStmt':
      case 'ArrowStmt':
        el.binding(stmt);
        break;
    }
  }

  if (outputs.length === 0 && decl.body.length > 0) {
    rep.error(
      'noOutputs',
      decl.name.span,
      `model ${decl.name.name} declares no outputs`,
      'add `output NAME`',
    );
  }
  const seen = new Set<string>();
  for (const o of outputs) {
    if (seen.has(o.name)) {
      rep.error('duplicateDefinition', o.span, `\`${o.name}\` is listed as an output twice`);
      continue;
    }
    seen.add(o.name);
    const v = el.lookupValue(o);
    if (v === undefined) continue;
    if (v.kind !== 'tensor') {
      rep.error('notAValue', o.span, `output \`${o.name}\` must be a tensor`);
      continue;
    }
    mb.addOutput(o.name, v.id);
  }
  el.warnUnused();
  if (rep.errorCount > errorsBefore) return undefined;
  return mb.build();
}

/** Evaluates model expressions and applies layers. */
class ModelElaborator {
  private readonly scope = new Map<string, Binding>();
  /** Names whose definition failed: uses are silent, so one mistake gives one error. */
  private readonly poisoned = new Set<string>();

  constructor(
    private readonly ctx: LayerContext,
    private readonly program: LoadedProgram,
    private readonly modelName: string,
  ) {}

  private get rep(): Reporter {
    return this.ctx.rep;
  }

  /** Mark `name` as failed: later uses report nothing more. */
  poison(name: string): void {
    this.poisoned.add(name);
  }

  /** Whether `id` may be bound (not a duplicate, not a hyperparameter). */
  canBind(id: Identifier): boolean {
    const prior = this.scope.get(id.name);
    if (prior) {
      this.rep.error(
        'duplicateDefinition',
        id.span,
        `\`${id.name}\` is already defined in this model`,
      );
      return false;
    }
    if (this.ctx.hyper.lookup(id.name) !== undefined) {
      this.rep.error(
        'duplicateDefinition',
        id.span,
        `\`${id.name}\` is a hyperparameter of this model; choose another name for the value`,
      );
      return false;
    }
    return true;
  }

  /** Bind `id` to `val`; inputs are exempt from unused warnings. */
  bind(id: Identifier, val: ModelVal, exemptFromUnused = false): void {
    this.scope.set(id.name, { val, span: id.span, used: exemptFromUnused });
    if (val.kind === 'tensor') this.ctx.g.setName(val.id, id.name);
  }

  /** `a = expr`, `a, b = expr`, `expr -> a`. */
  binding(stmt: AssignStmt | ArrowStmt): void {
    const val = this.evalExpr(stmt.value);
    if (val === undefined) {
      for (const t of stmt.targets) this.poisoned.add(t.name);
      return;
    }
    if (stmt.targets.length === 1) {
      const t = stmt.targets[0];
      if (t && this.canBind(t)) this.bind(t, val);
      return;
    }
    const items = val.kind === 'list' ? val.items : undefined;
    if (!items || items.length !== stmt.targets.length) {
      const got = items ? `${items.length} values` : 'one value';
      this.rep.error(
        'targetCount',
        stmt.span,
        `${stmt.targets.length} names but the expression gives ${got}`,
        val.kind === 'tensor' && val.members
          ? `a recurrence gives its sequence; its final states are members: .${Object.keys(val.members).join(', .')}`
          : undefined,
      );
      for (const t of stmt.targets) this.poisoned.add(t.name);
      return;
    }
    stmt.targets.forEach((t, i) => {
      const item = items[i];
      if (item && this.canBind(t)) this.bind(t, item);
    });
  }

  /** Look up a bound value, reporting unknown names. */
  lookupValue(id: Identifier): ModelVal | undefined {
    const b = this.scope.get(id.name);
    if (b) {
      b.used = true;
      return b.val;
    }
    if (!this.poisoned.has(id.name)) this.reportUnknownValue(id.name, id.span);
    return undefined;
  }

  warnUnused(): void {
    for (const [name, b] of this.scope) {
      if (!b.used) {
        this.rep.warning('unusedValue', b.span, `\`${name}\` is computed but never used`);
      }
    }
  }

  private reportUnknownValue(name: string, span: Span): void {
    if (this.ctx.hyper.lookup(name) !== undefined) {
      this.rep.error(
        'notAValue',
        span,
        `\`${name}\` is a hyperparameter (a constant), not a tensor`,
      );
    } else if (this.resolveLayer(name)) {
      this.rep.error(
        'notAValue',
        span,
        `\`${name}\` is a layer; apply it to a value: x |> ${name}`,
      );
    } else {
      this.rep.error(
        'unknownName',
        span,
        `unknown name \`${name}\`${didYouMean(name, this.scope.keys())}`,
      );
    }
  }

  /** The layer called `name`: a built-in or a user cell. */
  private resolveLayer(name: string): LayerDef | undefined {
    const builtin = BUILTIN_LAYERS.get(name);
    if (builtin) return builtin;
    const cell = this.program.cells.get(name);
    return cell ? cellLayer(cell) : undefined;
  }

  /** `x |> SomeModel`: a loop back to this model, or a model where a layer belongs. */
  private modelAsLayer(callee: Identifier): void {
    const self = this.modelName;
    const path = modelPath(this.program.models, callee.name, self);
    if (path) {
      const loop = [self, ...path].join(' -> ');
      this.rep.error(
        'recursiveModel',
        callee.span,
        path.length === 1
          ? `model ${self} cannot use itself as a layer`
          : `model ${self} uses itself: ${loop}`,
      );
      return;
    }
    this.rep.error(
      'notALayer',
      callee.span,
      `\`${callee.name}\` is a model, and a model cannot be used as a layer`,
      'write the shared part as a `cell` and use it in both models',
    );
  }

  evalExpr(e: Expr): ModelVal | undefined {
    switch (e.kind) {
      case 'NameExpr':
        return this.lookupValue(e.name);
      case 'PipeExpr': {
        const left = this.evalExpr(e.left);
        if (left === undefined) return undefined;
        return this.applyLayer(e.right, left);
      }
      case 'CallExpr':
        return this.applyLayer(e, undefined);
      case 'ListExpr': {
        const items: ModelVal[] = [];
        for (const el of e.elements) {
          const v = this.evalExpr(el);
          if (v === undefined) return undefined;
          items.push(v);
        }
        return { kind: 'list', items };
      }
      case 'MemberExpr': {
        const obj = this.evalExpr(e.object);
        if (obj === undefined) return undefined;
        const getter = obj.kind === 'tensor' ? obj.members?.[e.property.name] : undefined;
        if (!getter) {
          const names = obj.kind === 'tensor' && obj.members ? Object.keys(obj.members) : [];
          this.rep.error(
            'unknownMember',
            e.property.span,
            names.length
              ? `no member \`${e.property.name}\`; this value has ${names.map((n) => `.${n}`).join(', ')}`
              : `this value has no members (only recurrent layers have final states such as .h)`,
          );
          return undefined;
        }
        const m = getter();
        if (!m) return undefined;
        if (e.property.name === 'state') return { kind: 'state', ids: m.ids };
        const id = m.ids[0];
        return id === undefined ? undefined : tensor(id);
      }
      case 'BinaryExpr':
        return binaryOp(this.ctx, (x) => this.evalTensor(x), e.op, e.left, e.right, e.span);
      case 'UnaryExpr': {
        const v = this.evalTensor(e.operand);
        if (v === undefined) return undefined;
        const out = this.ctx.addNode('neg', {}, [v], e.span, {
          name: this.ctx.layerName('neg', undefined, e.span),
        });
        return firstOutput(out);
      }
      case 'IndexExpr':
        return sliceOp(this.ctx, (x) => this.evalTensor(x), e);
      default:
        this.rep.error(
          'notAValue',
          e.span,
          'a constant is not a tensor here; layers take numbers as arguments, e.g. dense(2)',
        );
        return undefined;
    }
  }

  private evalTensor(e: Expr): string | undefined {
    const v = this.evalExpr(e);
    if (v === undefined) return undefined;
    if (v.kind !== 'tensor') {
      this.rep.error('notAValue', e.span, 'a single tensor is needed here');
      return undefined;
    }
    return v.id;
  }

  /** Apply the layer written as `right` (a call or bare name), with `piped` as first input. */
  private applyLayer(right: Expr, piped: ModelVal | undefined): ModelVal | undefined {
    let call: CallExpr | undefined;
    let callee: Identifier;
    if (right.kind === 'CallExpr') {
      call = right;
      callee = right.callee;
    } else if (right.kind === 'NameExpr') {
      callee = right.name;
    } else {
      this.rep.error(
        'notALayer',
        right.span,
        'the right side of `|>` must be a layer, e.g. x |> relu',
      );
      return undefined;
    }
    const def = this.resolveLayer(callee.name);
    if (!def) {
      if (this.program.models.has(callee.name)) {
        this.modelAsLayer(callee);
      } else if (this.scope.has(callee.name)) {
        this.rep.error('notALayer', callee.span, `\`${callee.name}\` is a value, not a layer`);
      } else {
        const candidates = [...BUILTIN_LAYERS.keys(), ...this.program.cells.keys()];
        this.rep.error(
          'unknownLayer',
          callee.span,
          `unknown layer \`${callee.name}\`${didYouMean(callee.name, candidates)}`,
        );
      }
      return undefined;
    }
    const pipedIds = this.pipedIds(piped, right.span);
    if (pipedIds === undefined) return undefined;
    const bound = bindArgs(def, call, pipedIds, right.span, this.ctx, (e) => this.evalExpr(e));
    if (!bound) return undefined;

    if (def.name === 'bidirectional')
      return this.applyBidirectional(bound.inputs, bound.args.layers['layer'], right.span);
    const layerName = this.ctx.layerName(def.nameBase, bound.explicitName, right.span);
    return def.build(this.ctx, bound.inputs, bound.args, {
      span: right.span,
      layerName,
      callee: callee.name,
    });
  }

  private applyBidirectional(
    inputs: readonly string[],
    inner: CallExpr | undefined,
    span: Span,
  ): ModelVal | undefined {
    if (!inner) return undefined;
    const def = this.resolveLayer(inner.callee.name);
    if (!def?.buildBidirectional) {
      this.rep.error(
        'notALayer',
        inner.span,
        def
          ? `bidirectional wraps a recurrence (rnn, lstm, gru or a cell); \`${inner.callee.name}\` is not one`
          : `unknown layer \`${inner.callee.name}\``,
      );
      return undefined;
    }
    const bound = bindArgs(def, inner, inputs, inner.span, this.ctx, (e) => this.evalExpr(e));
    if (!bound) return undefined;
    const layerName = this.ctx.layerName(def.nameBase, bound.explicitName, inner.span);
    return def.buildBidirectional(this.ctx, bound.inputs, bound.args, {
      span,
      layerName,
      callee: inner.callee.name,
    });
  }

  private pipedIds(piped: ModelVal | undefined, span: Span): string[] | undefined {
    if (piped === undefined) return [];
    if (piped.kind === 'tensor') return [piped.id];
    if (piped.kind === 'list') {
      const ids: string[] = [];
      for (const item of piped.items) {
        if (item.kind !== 'tensor') {
          this.rep.error('notAValue', span, 'only tensors can be piped into a layer');
          return undefined;
        }
        ids.push(item.id);
      }
      return ids;
    }
    this.rep.error(
      'notAValue',
      span,
      'a state cannot be piped into a layer; pass it as init = ...',
    );
    return undefined;
  }
}
