/** Feed-forward built-in layers: embed, dense, activations, dropout, norm, add, concat. */
import type { OpName } from '@seqlab/ir';
import type { LayerDef } from './layer-def.js';
import { firstOutput } from '../model/values.js';

/** Every layer takes `name = "..."` (by name only) to choose its stable name. */
const NAME_ARG = {
  name: 'name',
  kind: 'string',
  default: null,
  nullable: true,
  namedOnly: true,
} as const;

/** A layer with one input and no attributes that maps to one IR op. */
function unary(name: string, op: OpName, doc: string): LayerDef {
  return {
    name,
    doc,
    nameBase: name,
    inputs: { min: 1, max: 1 },
    args: [NAME_ARG],
    build(ctx, inputs, _args, site) {
      const out = ctx.addNode(op as 'relu', {}, inputs, site.span, { name: site.layerName });
      return firstOutput(out);
    },
  };
}

const embed: LayerDef = {
  name: 'embed',
  doc: 'token ids [B, T] int < V -> vectors [B, T, dim] (nn.Embedding)',
  nameBase: 'embed',
  inputs: { min: 1, max: 1 },
  args: [
    { name: 'dim', kind: 'int', min: 1, doc: 'embedding width' },
    { name: 'padding_idx', kind: 'int', default: null, nullable: true, min: 0 },
    NAME_ARG,
  ],
  build(ctx, inputs, args, site) {
    const padding = args.consts['padding_idx'];
    const out = ctx.addNode(
      'embed',
      {
        dim: args.consts['dim'] as number,
        padding_idx: typeof padding === 'number' ? padding : null,
      },
      inputs,
      site.span,
      { name: site.layerName },
    );
    return firstOutput(out);
  },
};

const dense: LayerDef = {
  name: 'dense',
  doc: '[..., D] -> [..., units], per time step on sequences (nn.Linear)',
  nameBase: 'dense',
  inputs: { min: 1, max: 1 },
  args: [
    { name: 'units', kind: 'int', min: 1, doc: 'output width' },
    { name: 'bias', kind: 'bool', default: true },
    NAME_ARG,
  ],
  build(ctx, inputs, args, site) {
    const out = ctx.addNode(
      'dense',
      { units: args.consts['units'] as number, bias: args.consts['bias'] as boolean },
      inputs,
      site.span,
      { name: site.layerName },
    );
    return firstOutput(out);
  },
};

const dropout: LayerDef = {
  name: 'dropout',
  doc: 'zero a fraction `rate` of values while training; identity at inference',
  nameBase: 'dropout',
  inputs: { min: 1, max: 1 },
  args: [{ name: 'rate', kind: 'number', min: 0, below: 1 }, NAME_ARG],
  build(ctx, inputs, args, site) {
    const out = ctx.addNode('dropout', { rate: args.consts['rate'] as number }, inputs, site.span, {
      name: site.layerName,
    });
    return firstOutput(out);
  },
};

const layerNorm: LayerDef = {
  name: 'layer_norm',
  doc: 'normalise over the last axis (nn.LayerNorm)',
  nameBase: 'layer_norm',
  inputs: { min: 1, max: 1 },
  args: [{ name: 'eps', kind: 'number', default: 1e-5, min: 0 }, NAME_ARG],
  build(ctx, inputs, args, site) {
    const out = ctx.addNode(
      'layer_norm',
      { eps: args.consts['eps'] as number },
      inputs,
      site.span,
      {
        name: site.layerName,
      },
    );
    return firstOutput(out);
  },
};

const add: LayerDef = {
  name: 'add',
  doc: 'elementwise sum of two values (residual connections)',
  nameBase: 'add',
  inputs: { min: 2, max: 2 },
  args: [NAME_ARG],
  build(ctx, inputs, _args, site) {
    const out = ctx.addNode('add', {}, inputs, site.span, { name: site.layerName });
    return firstOutput(out);
  },
};

const concat: LayerDef = {
  name: 'concat',
  doc: 'join values along the feature (last) axis',
  nameBase: 'concat',
  inputs: { min: 2, max: Infinity },
  args: [NAME_ARG],
  build(ctx, inputs, _args, site) {
    const out = ctx.addNode('concat', {}, inputs, site.span, { name: site.layerName });
    return firstOutput(out);
  },
};

/** The feed-forward built-ins. */
export const BASIC_LAYERS: readonly LayerDef[] = [
  embed,
  dense,
  dropout,
  layerNorm,
  add,
  concat,
  unary('relu', 'relu', 'max(0, x) elementwise'),
  unary('tanh', 'tanh', 'tanh elementwise'),
  unary('sigmoid', 'sigmoid', 'logistic sigmoid elementwise'),
  unary('gelu', 'gelu', 'GELU elementwise'),
  unary('silu', 'silu', 'SiLU (swish) x·sigmoid(x) elementwise'),
  unary('softmax', 'softmax', 'softmax over the last axis'),
];

/** The shared `name = "..."` argument. */
export { NAME_ARG };
