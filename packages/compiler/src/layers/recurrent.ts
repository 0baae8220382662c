/**
 * The built-in recurrences (PyTorch nn.RNN, nn.LSTM, nn.GRU) and the `bidirectional`
 * wrapper. A recurrence's result is its output sequence, with its final states as members:
 * `.h` (top layer, `[B, dirs*H]`), `.c` (LSTM), `.state` (PyTorch-shaped, for `init =`).
 */
import type { Span } from '@seqlab/diagnostics';
import { RECURRENCES, type RecurrentName } from '@seqlab/ir';
import type { LayerContext } from '../model/context.js';
import type { Member, ModelVal } from '../model/values.js';
import type { ArgDef, BoundArgs, CallSite, LayerDef } from './layer-def.js';
import { NAME_ARG } from './basic.js';
import { MAX_LAYERS } from '../limits.js';

type RecurrentOp = RecurrentName;

/** Build a recurrence node and its lazily created final-state members. */
function buildRecurrent(
  ctx: LayerContext,
  op: RecurrentOp,
  inputs: readonly string[],
  args: BoundArgs,
  site: CallSite,
  bidirectional: boolean,
): ModelVal | undefined {
  const c = args.consts;
  const hidden = c['hidden'] as number;
  const layers = c['layers'] as number;
  const bias = c['bias'] as boolean;
  const x = inputs[0];
  if (x === undefined) return undefined;
  const init = args.states['init'] ?? [];
  const wantInit = RECURRENCES[op].states.length;
  if (init.length > 0 && init.length !== wantInit) {
    ctx.rep.error(
      'argumentType',
      site.span,
      `${op} starts from ${wantInit === 2 ? 'an (h, c) pair' : 'one hidden state'}; \`init\` gave ${init.length} tensor(s)`,
      `pass the .state of another ${op}`,
    );
    return undefined;
  }
  const common = { hidden, layers, bidirectional, bias };
  const attrs =
    op === 'rnn' ? { ...common, nonlinearity: c['nonlinearity'] as 'tanh' | 'relu' } : common;
  const out = ctx.addNode(op as 'lstm', attrs, [x, ...init], site.span, {
    name: site.layerName,
    maskedBy: x,
  });
  if (!out) return undefined;
  const [seq, hN, cN] = out;
  if (seq === undefined || hN === undefined) return undefined;
  return {
    kind: 'tensor',
    id: seq,
    members: recurrentMembers(ctx, site, { hN, cN, layers, bidirectional }),
  };
}

function recurrentMembers(
  ctx: LayerContext,
  site: CallSite,
  s: { hN: string; cN: string | undefined; layers: number; bidirectional: boolean },
): Record<string, () => Member | undefined> {
  const topOf = (id: string, suffix: string, span: Span): (() => Member | undefined) => {
    let cached: Member | undefined;
    return () => {
      if (cached) return cached;
      const out = ctx.addNode(
        'final_state',
        { layers: s.layers, bidirectional: s.bidirectional },
        [id],
        span,
        { name: ctx.derivedName(`${site.layerName}_${suffix}`) },
      );
      cached = out?.[0] === undefined ? undefined : { ids: [out[0]] };
      return cached;
    };
  };
  const members: Record<string, () => Member | undefined> = {
    h: topOf(s.hN, 'h', site.span),
    state: () => ({ ids: s.cN === undefined ? [s.hN] : [s.hN, s.cN] }),
  };
  if (s.cN !== undefined) members['c'] = topOf(s.cN, 'c', site.span);
  return members;
}

function recurrentDef(op: RecurrentOp, doc: string): LayerDef {
  const args: ArgDef[] = [
    { name: 'hidden', kind: 'int' as const, min: 1, doc: 'hidden state width' },
    {
      name: 'layers',
      kind: 'int' as const,
      default: 1,
      min: 1,
      max: MAX_LAYERS,
      doc: 'stacked layers (num_layers)',
    },
    ...(op === 'rnn'
      ? [
          {
            name: 'nonlinearity',
            kind: 'string' as const,
            default: 'tanh',
            choices: ['tanh', 'relu'],
          },
        ]
      : []),
    { name: 'bidirectional', kind: 'bool' as const, default: false },
    { name: 'bias', kind: 'bool' as const, default: true },
    {
      name: 'init',
      kind: 'state' as const,
      default: null,
      nullable: true,
      namedOnly: true,
      doc: 'initial state, e.g. enc.state',
    },
    NAME_ARG,
  ];
  return {
    name: op,
    doc,
    nameBase: op,
    inputs: { min: 1, max: 1 },
    args,
    build: (ctx, inputs, bound, site) =>
      buildRecurrent(ctx, op, inputs, bound, site, bound.consts['bidirectional'] === true),
    buildBidirectional: (ctx, inputs, bound, site) =>
      buildRecurrent(ctx, op, inputs, bound, site, true),
  };
}

const bidirectional: LayerDef = {
  name: 'bidirectional',
  doc: 'run a recurrence forwards and backwards and concatenate: bidirectional(lstm(64))',
  nameBase: 'bidirectional',
  inputs: { min: 1, max: 1 },
  args: [{ name: 'layer', kind: 'layer', doc: 'a recurrent layer call, e.g. gru(32)' }],
  // The wrapped layer does the work and takes the name; see elaborate-model's applyLayer.
  build: () => undefined,
};

/** The recurrent built-ins. */
export const RECURRENT_LAYERS: readonly LayerDef[] = [
  recurrentDef('rnn', '[B, T, D] -> [B, T, H]: Elman RNN, tanh or relu (nn.RNN)'),
  recurrentDef('lstm', '[B, T, D] -> [B, T, H]: LSTM, gates i, f, g, o (nn.LSTM)'),
  recurrentDef('gru', '[B, T, D] -> [B, T, H]: GRU, gates r, z, n (nn.GRU)'),
  bidirectional,
];
