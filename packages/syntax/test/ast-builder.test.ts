import { describe, expect, it } from 'vitest';
import { AstBuilder } from '../src/ast-builder.js';
import { seqParser } from '../src/parser.js';

describe('AstBuilder as a chevrotain CST visitor', () => {
  it('has a method for every grammar rule', () => {
    expect(() => new AstBuilder('t.seq')).not.toThrow();
    const rules = Object.keys(seqParser.getGAstProductions());
    const builder = new AstBuilder('t.seq') as unknown as Record<string, unknown>;
    for (const rule of rules) expect(typeof builder[rule], rule).toBe('function');
  });

  it('refuses to start when a rule has no builder method', () => {
    class WithoutSlice extends AstBuilder {}
    // A subclass cannot delete a method in TypeScript; shadowing it with undefined can.
    Object.defineProperty(WithoutSlice.prototype, 'slice', { value: undefined });
    expect(() => new WithoutSlice('t.seq')).toThrow(/Missing visitor method: <slice>/);
  });
});
