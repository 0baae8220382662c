import { describe, expect, it } from 'vitest';
import { attrsOf } from '../src/node-attrs.js';
import type { Node } from '../src/types.js';

const node: Node = {
  id: 'n0',
  op: 'dense',
  name: 'dense0',
  inputs: ['x'],
  outputs: ['y'],
  attrs: { units: 4, bias: true },
  params: {},
};

describe('attrsOf', () => {
  it("gives a node's attributes typed by its op", () => {
    const a = attrsOf(node, 'dense');
    expect(a.units * 2).toBe(8);
  });

  it("refuses another op's attributes (a bug, not a user error)", () => {
    expect(() => attrsOf(node, 'conv1d')).toThrow(/dense0' is dense, not conv1d/);
  });
});
