/**
 * Plain tensor code for the elementwise and algebra ops, shared by user-cell steps and the
 * model's forward: `torch.tanh(a)`, `a @ W.T`, `a[..., 0:16]`, `torch.cat([a, b], -1)`.
 */
import { attrsOf, type Node } from '@seqlab/ir';
import { ExportError } from './errors.js';
import { atom, binary, call, floatLiteral, negate, postfix, type Expr } from './expr.js';

const UNARY: Readonly<Record<string, string>> = {
  relu: 'torch.relu',
  tanh: 'torch.tanh',
  sigmoid: 'torch.sigmoid',
  // PyTorch's default GELU is the exact erf form, which seqlab computes too.
  gelu: 'F.gelu',
  silu: 'F.silu',
  exp: 'torch.exp',
  log: 'torch.log',
};

const BINARY: Readonly<Record<string, '+' | '-' | '*' | '/'>> = {
  add: '+',
  sub: '-',
  mul: '*',
  div: '/',
};

/** Whether `tensorExpr` handles this op. */
export function isTensorOp(op: string): boolean {
  return (
    op in UNARY ||
    op in BINARY ||
    ['neg', 'matmul', 'slice', 'constant', 'param', 'softmax', 'concat'].includes(op)
  );
}

/**
 * The expression of `node` over its input expressions. `paramRef` turns a full parameter
 * name into the Python that reads it (`self.W_xh`, `self.elman0.W_xh`).
 */
export function tensorExpr(
  node: Node,
  inputs: readonly Expr[],
  paramRef: (full: string) => string,
): Expr {
  const arg = (i: number): Expr => {
    const e = inputs[i];
    if (e === undefined) throw new ExportError(`${node.op} '${node.name}' lacks input ${i}`);
    return e;
  };
  const unary = UNARY[node.op];
  if (unary !== undefined) return call(unary, arg(0));
  const op = BINARY[node.op];
  if (op !== undefined) return binary(op, arg(0), arg(1));
  switch (node.op) {
    case 'neg':
      return negate(arg(0));
    case 'matmul': {
      const a = attrsOf(node, 'matmul');
      return binary('@', arg(0), a.transpose_b ? postfix(arg(1), '.T') : arg(1));
    }
    case 'slice': {
      const a = attrsOf(node, 'slice');
      return postfix(arg(0), `[..., ${a.start}:${a.end}]`);
    }
    case 'constant':
      return floatLiteral(Number(node.attrs['value']));
    case 'param':
      return atom(paramRef(String(node.attrs['name'])));
    case 'softmax':
      return call('torch.softmax', arg(0), '-1');
    case 'concat':
      return inputs.length === 1
        ? arg(0)
        : call('torch.cat', `[${inputs.map((e) => e.text).join(', ')}]`, '-1');
    default:
      throw new ExportError(`${node.op} '${node.name}' cannot be written as tensor code`);
  }
}
