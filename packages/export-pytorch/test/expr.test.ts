import { describe, expect, it } from 'vitest';
import { atom, binary, call, floatLiteral, negate, postfix } from '../src/expr.js';
import { attribute, isIdentifier, NameAllocator, toIdentifier } from '../src/python-names.js';

const [a, b, c] = [atom('a'), atom('b'), atom('c')];

describe('Python expressions', () => {
  it('parenthesise only where precedence needs it, keeping the IR order of evaluation', () => {
    expect(binary('+', binary('+', a, b), c).text).toBe('a + b + c');
    expect(binary('+', a, binary('+', b, c)).text).toBe('a + (b + c)');
    expect(binary('*', binary('+', a, b), c).text).toBe('(a + b) * c');
    expect(binary('+', binary('*', a, b), c).text).toBe('a * b + c');
    expect(binary('@', a, postfix(b, '.T')).text).toBe('a @ b.T');
    expect(binary('-', a, binary('-', b, c)).text).toBe('a - (b - c)');
    expect(negate(binary('@', a, b)).text).toBe('-(a @ b)');
    expect(call('torch.exp', negate(a)).text).toBe('torch.exp(-a)');
    expect(postfix(binary('+', a, b), '[..., 0:4]').text).toBe('(a + b)[..., 0:4]');
    expect(binary('*', a, floatLiteral(-0.5)).text).toBe('a * -0.5');
    expect(binary('-', a, floatLiteral(-0.5)).text).toBe('a - -0.5');
  });

  it('write floats Python reads back exactly', () => {
    expect(floatLiteral(1).text).toBe('1.0');
    expect(floatLiteral(1e-5).text).toBe('0.00001');
    expect(floatLiteral(1e-7).text).toBe('1e-7');
    expect(floatLiteral(0.1).text).toBe('0.1');
    expect(floatLiteral(-Infinity).text).toBe("-float('inf')");
  });
});

describe('Python names', () => {
  it('know identifiers and keywords', () => {
    expect(isIdentifier('gru0')).toBe(true);
    expect(isIdentifier('my-enc')).toBe(false);
    expect(isIdentifier('lambda')).toBe(false);
    expect(toIdentifier('my-enc')).toBe('my_enc');
    expect(toIdentifier('0x')).toBe('_0x');
    expect(toIdentifier('in')).toBe('in_');
    expect(attribute('self', 'gru0')).toBe('self.gru0');
    expect(attribute('self', 'my-enc')).toBe('getattr(self, "my-enc")');
  });

  it('hand out unique names clear of what the module binds', () => {
    const names = new NameAllocator();
    expect(names.fresh('h')).toBe('h');
    expect(names.fresh('h')).toBe('h_2');
    expect(names.fresh('torch')).toBe('torch_2');
    expect(names.fresh('run_cell')).toBe('run_cell_2');
  });
});
