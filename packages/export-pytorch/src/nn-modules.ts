/**
 * The `nn` constructor of each built-in layer, with the sizes read from its parameter
 * shapes (PyTorch layouts), so the module's state_dict has exactly the IR's names and shapes.
 */
import type { IrModule, Node, OpAttrs, RecurrentName } from '@seqlab/ir';
import { ExportError } from './errors.js';
import { floatLiteral } from './expr.js';

function shapeOf(m: IrModule, node: Node, role: string): readonly number[] {
  const name = node.params[role];
  const p = name === undefined ? undefined : m.params[name];
  if (p === undefined) throw new ExportError(`${node.op} '${node.name}' has no ${role} parameter`);
  return p.shape;
}

function dim(shape: readonly number[], i: number): number {
  return shape[i] ?? 0;
}

const kw = (name: string, value: string | number | boolean, omitWhen: unknown): string =>
  value === omitWhen
    ? ''
    : `, ${name}=${typeof value === 'boolean' ? (value ? 'True' : 'False') : value}`;

/** PyTorch's class of each built-in recurrence. */
const RECURRENT_CLASSES: { readonly [K in RecurrentName]: string } = {
  rnn: 'RNN',
  lstm: 'LSTM',
  gru: 'GRU',
};

/** The `nn.X(...)` expression for a built-in layer node. */
export function nnConstructor(m: IrModule, node: Node): string {
  switch (node.op) {
    case 'embed': {
      const a = node.attrs as unknown as OpAttrs['embed'];
      const w = shapeOf(m, node, 'weight');
      const pad = a.padding_idx === null ? '' : `, padding_idx=${a.padding_idx}`;
      return `nn.Embedding(${dim(w, 0)}, ${dim(w, 1)}${pad})`;
    }
    case 'dense': {
      const w = shapeOf(m, node, 'weight');
      return `nn.Linear(${dim(w, 1)}, ${dim(w, 0)}${kw('bias', 'bias' in node.params, true)})`;
    }
    case 'conv1d': {
      const a = node.attrs as unknown as OpAttrs['conv1d'];
      const w = shapeOf(m, node, 'weight');
      // nn.Conv1d's own 'same' exists for stride 1 only; other cases pad in forward().
      const same = a.padding === 'same' && a.stride === 1;
      return (
        `nn.Conv1d(${dim(w, 1)}, ${dim(w, 0)}, ${dim(w, 2)}` +
        kw('stride', a.stride, 1) +
        kw('dilation', a.dilation, 1) +
        (same ? ", padding='same'" : '') +
        kw('bias', 'bias' in node.params, true) +
        ')'
      );
    }
    case 'layer_norm': {
      const a = node.attrs as unknown as OpAttrs['layer_norm'];
      const w = shapeOf(m, node, 'weight');
      const eps = a.eps === 1e-5 ? '' : `, eps=${floatLiteral(a.eps).text}`;
      return `nn.LayerNorm(${dim(w, 0)}${eps})`;
    }
    case 'rnn':
    case 'lstm':
    case 'gru': {
      const a = node.attrs as unknown as OpAttrs['rnn'];
      const w = shapeOf(m, node, 'weight_ih_l0');
      const cls = RECURRENT_CLASSES[node.op];
      const nonlin = a.nonlinearity === 'relu' ? ", nonlinearity='relu'" : '';
      return (
        `nn.${cls}(${dim(w, 1)}, ${a.hidden}` +
        kw('num_layers', a.layers, 1) +
        nonlin +
        kw('bias', a.bias, true) +
        ', batch_first=True' +
        kw('bidirectional', a.bidirectional, false) +
        ')'
      );
    }
    default:
      throw new ExportError(`${node.op} '${node.name}' has no nn module`);
  }
}
