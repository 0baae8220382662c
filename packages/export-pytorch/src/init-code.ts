/** seqlab's parameter initialisers as `torch.nn.init` calls (the same distributions). */
import type { Init } from '@seqlab/ir';
import { floatLiteral } from './expr.js';

const f = (v: number): string => floatLiteral(v).text;

/** One line initialising the tensor `ref` (e.g. `self.W_xh`) of shape `shape`. */
export function initCall(ref: string, init: Init, shape: readonly number[]): string {
  switch (init.kind) {
    case 'zeros':
      return `nn.init.zeros_(${ref})`;
    case 'ones':
      return `nn.init.ones_(${ref})`;
    case 'constant':
      return `nn.init.constant_(${ref}, ${f(init.value)})`;
    case 'uniform':
      return `nn.init.uniform_(${ref}, ${f(init.low)}, ${f(init.high)})`;
    case 'normal':
      return `nn.init.normal_(${ref}, ${f(init.mean)}, ${f(init.std)})`;
    case 'xavier_uniform': {
      if (shape.length >= 2) return `nn.init.xavier_uniform_(${ref}, gain=${f(init.gain)})`;
      // PyTorch refuses vectors; seqlab treats a vector as its own fan both ways.
      const n = shape[0] ?? 1;
      const bound = init.gain * Math.sqrt(6 / (2 * n));
      return `nn.init.uniform_(${ref}, ${f(-bound)}, ${f(bound)})`;
    }
    case 'orthogonal':
      return `nn.init.orthogonal_(${ref}, gain=${f(init.gain)})`;
  }
}
