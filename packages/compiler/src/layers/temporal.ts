/** Layers that work along time: convolutions, pooling, reductions, last/first. */
import type { LayerDef } from './layer-def.js';
import { NAME_ARG } from './basic.js';
import { firstOutput } from '../model/values.js';

const conv1d: LayerDef = {
  name: 'conv1d',
  doc: "[B, T, D] -> [B, T', filters]: a kernel sliding along time (nn.Conv1d)",
  nameBase: 'conv1d',
  inputs: { min: 1, max: 1 },
  args: [
    { name: 'filters', kind: 'int', min: 1, doc: 'output channels' },
    { name: 'kernel', kind: 'int', min: 1, doc: 'kernel width in steps' },
    { name: 'stride', kind: 'int', default: 1, min: 1 },
    { name: 'dilation', kind: 'int', default: 1, min: 1 },
    { name: 'padding', kind: 'string', default: 'same', choices: ['same', 'valid', 'causal'] },
    { name: 'bias', kind: 'bool', default: true },
    NAME_ARG,
  ],
  build(ctx, inputs, args, site) {
    const c = args.consts;
    const out = ctx.addNode(
      'conv1d',
      {
        filters: c['filters'] as number,
        kernel: c['kernel'] as number,
        stride: c['stride'] as number,
        dilation: c['dilation'] as number,
        padding: c['padding'] as 'same' | 'valid' | 'causal',
        bias: c['bias'] as boolean,
      },
      inputs,
      site.span,
      { name: site.layerName },
    );
    return firstOutput(out);
  },
};

function pool(name: 'max_pool1d' | 'avg_pool1d'): LayerDef {
  return {
    name,
    doc: `[B, T, D] -> [B, T', D]: ${name === 'max_pool1d' ? 'maximum' : 'average'} over windows of time`,
    nameBase: name,
    inputs: { min: 1, max: 1 },
    args: [
      { name: 'kernel', kind: 'int', min: 1 },
      { name: 'stride', kind: 'int', default: null, nullable: true, min: 1 },
      { name: 'padding', kind: 'string', default: 'valid', choices: ['same', 'valid'] },
      NAME_ARG,
    ],
    build(ctx, inputs, args, site) {
      const c = args.consts;
      const kernel = c['kernel'] as number;
      const stride = typeof c['stride'] === 'number' ? c['stride'] : kernel;
      const out = ctx.addNode(
        name,
        { kernel, stride, padding: c['padding'] as 'same' | 'valid' },
        inputs,
        site.span,
        { name: site.layerName },
      );
      return firstOutput(out);
    },
  };
}

function reduce(name: string, mode: 'mean' | 'max' | 'sum'): LayerDef {
  return {
    name,
    doc: `[B, T, D] -> [B, D]: ${mode} over time, padding ignored`,
    nameBase: name,
    inputs: { min: 1, max: 1 },
    args: [NAME_ARG],
    build(ctx, inputs, _args, site) {
      const input = inputs[0];
      const out = ctx.addNode('reduce_time', { mode }, inputs, site.span, {
        name: site.layerName,
        ...(input === undefined ? {} : { maskedBy: input }),
      });
      return firstOutput(out);
    },
  };
}

function pick(name: 'last' | 'first'): LayerDef {
  return {
    name,
    doc: `[B, T, D] -> [B, D]: the ${name === 'last' ? 'last real' : 'first'} step of each sequence`,
    nameBase: name,
    inputs: { min: 1, max: 1 },
    args: [NAME_ARG],
    build(ctx, inputs, _args, site) {
      const input = inputs[0];
      const out = ctx.addNode(name, {}, inputs, site.span, {
        name: site.layerName,
        ...(input === undefined ? {} : { maskedBy: input }),
      });
      return firstOutput(out);
    },
  };
}

/** The layers that work along time. */
export const TEMPORAL_LAYERS: readonly LayerDef[] = [
  conv1d,
  pool('max_pool1d'),
  pool('avg_pool1d'),
  reduce('mean_over_time', 'mean'),
  reduce('max_over_time', 'max'),
  reduce('sum_over_time', 'sum'),
  pick('last'),
  pick('first'),
];
