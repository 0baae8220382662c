/** `silu` end to end: a layer and a cell function compile, and the export calls F.silu. */
import { compile } from '@seqlab/compiler';
import { exportPytorch } from '@seqlab/export-pytorch';
import { describe, expect, it } from 'vitest';

const SOURCE = `cell Swish(hidden) {
  param W: [hidden, in]
  param U: [hidden, hidden]
  state h: [hidden] = zeros
  h = silu(W @ x + U @ h)
  emit h
}
model M {
  input x: [B, T, 3]
  x |> dense(4) |> silu |> Swish(5) -> y
  output y
}`;

describe('silu', () => {
  it('compiles as a layer and in a cell body, and exports as F.silu', () => {
    const r = compile(SOURCE);
    expect(r.diagnostics).toEqual([]);
    const module = r.module;
    if (module === undefined) throw new Error('no module');
    expect(module.graph.nodes.map((n) => n.op)).toEqual(['dense', 'silu', 'scan']);
    const body = module.graph.nodes[2]?.body;
    expect(body?.nodes.some((n) => n.op === 'silu')).toBe(true);
    const exported = exportPytorch(module);
    if (!exported.ok) throw new Error(exported.error);
    expect(exported.code.match(/F\.silu\(/g)?.length).toBe(2);
  });
});
