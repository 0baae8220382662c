/**
 * A user `cell` used as a layer: `x |> Elman(8)`. Its hyperparameters become the call's
 * arguments; applying it elaborates the equations into a `scan` node (see elaborate-cell).
 */
import type { CellDecl } from '@seqlab/syntax';
import type { ArgDef, LayerDef } from '../layers/layer-def.js';
import { NAME_ARG } from '../layers/basic.js';
import { firstOutput, type Member, type ModelVal } from '../model/values.js';
import { elaborateCell } from './elaborate-cell.js';

const cache = new WeakMap<CellDecl, LayerDef>();

/** The layer definition of a user cell (memoised per declaration). */
export function cellLayer(decl: CellDecl): LayerDef {
  const hit = cache.get(decl);
  if (hit) return hit;
  // Hyperparameters with a default are optional here; the default expression is evaluated
  // in the cell's own scope when the cell is applied (it may refer to earlier ones).
  const args: ArgDef[] = decl.params.map((p) =>
    p.default === undefined
      ? { name: p.name.name, kind: 'any' }
      : { name: p.name.name, kind: 'any', default: null, nullable: true },
  );
  const def: LayerDef = {
    name: decl.name.name,
    doc: `user cell ${decl.name.name}: [B, T, D] -> [B, T, E], its equations scanned over time`,
    nameBase: decl.name.name.toLowerCase(),
    inputs: { min: 1, max: 1 },
    args: [...args, NAME_ARG],
    build(ctx, inputs, bound, site) {
      const x = inputs[0];
      if (x === undefined) return undefined;
      const scan = elaborateCell(ctx, decl, x, bound.consts, site, { reverse: false, suffix: '' });
      if (!scan) return undefined;
      const members: Record<string, () => Member | undefined> = {};
      for (const [name, id] of Object.entries(scan.finalStates))
        members[name] = () => ({ ids: [id] });
      const val: ModelVal = { kind: 'tensor', id: scan.emitted, members };
      return val;
    },
    buildBidirectional(ctx, inputs, bound, site) {
      const x = inputs[0];
      if (x === undefined) return undefined;
      const fwd = elaborateCell(ctx, decl, x, bound.consts, site, { reverse: false, suffix: '' });
      const bwd = elaborateCell(
        ctx,
        decl,
        x,
        bound.consts,
        { ...site, layerName: site.layerName },
        {
          reverse: true,
          suffix: '_reverse',
        },
      );
      if (!fwd || !bwd) return undefined;
      const out = ctx.addNode('concat', {}, [fwd.emitted, bwd.emitted], site.span, {
        name: ctx.derivedName(`${site.layerName}_concat`),
      });
      return firstOutput(out);
    },
  };
  cache.set(decl, def);
  return def;
}
