import { describe, expect, it } from 'vitest';
import {
  dimAdd,
  dimCeilDiv,
  dimFloorDiv,
  dimMul,
  dimSub,
  formatDim,
  formatShape,
  numericVolume,
  sameDim,
} from '../src/dims.js';

describe('dims', () => {
  it('formats dims and shapes', () => {
    expect(formatDim(64)).toBe('64');
    expect(formatDim('T')).toBe('T');
    expect(formatShape(['B', 'T', 64])).toBe('[B, T, 64]');
    expect(formatShape([])).toBe('[]');
  });

  it('folds numbers', () => {
    expect(dimAdd(3, 4)).toBe(7);
    expect(dimSub(10, 4)).toBe(6);
    expect(dimMul(3, 4)).toBe(12);
    expect(dimFloorDiv(7, 2)).toBe(3);
    expect(dimCeilDiv(7, 2)).toBe(4);
    expect(dimAdd('T', 0)).toBe('T');
    expect(dimSub('T', 'T')).toBe(0);
    expect(dimMul('T', 1)).toBe('T');
    expect(dimMul('T', 0)).toBe(0);
  });

  it('writes canonical strings', () => {
    expect(dimSub('T', 2)).toBe('T-2');
    expect(dimAdd('T', -2)).toBe('T-2');
    expect(dimAdd(dimFloorDiv(dimSub('T', 3), 2), 1)).toBe('floor((T-3)/2)+1');
    expect(dimCeilDiv('T', 2)).toBe('ceil(T/2)');
    expect(dimMul(2, 'H')).toBe('2*H');
    expect(dimSub(0, 'T')).toBe('-T');
  });

  it('gives equal strings for equal constructions', () => {
    expect(dimAdd(dimSub('T', 2), 2)).toBe('T');
    expect(dimAdd('S', 'T')).toBe(dimAdd('T', 'S'));
    expect(dimSub(dimSub('T', 1), 1)).toBe(dimSub('T', 2));
    expect(dimAdd(dimMul(2, 'T'), 'T')).toBe(dimMul(3, 'T'));
    expect(dimMul('B', 'T')).toBe(dimMul('T', 'B'));
    // Re-parsing a canonical string does not change it.
    const d = dimAdd(dimFloorDiv(dimSub('T', 3), 2), 1);
    expect(dimAdd(d, 0)).toBe(d);
    expect(dimCeilDiv(dimCeilDiv('T', 2), 2)).toBe('ceil(ceil(T/2)/2)');
  });

  it('divides exactly when every coefficient divides', () => {
    expect(dimFloorDiv(dimMul(2, 'T'), 2)).toBe('T');
    expect(dimFloorDiv(dimAdd(dimMul(2, 'T'), 5), 2)).toBe('T+2');
    expect(dimCeilDiv(dimAdd(dimMul(2, 'T'), 5), 2)).toBe('T+3');
    expect(dimFloorDiv('T', 1)).toBe('T');
    expect(() => dimFloorDiv('T', 0)).toThrow();
  });

  it('compares dims', () => {
    expect(sameDim('T', 'T')).toBe(true);
    expect(sameDim('T', 'S')).toBe(false);
    expect(sameDim(3, 3)).toBe(true);
    expect(sameDim(3, 'T')).toBe(false);
    expect(sameDim('T-2', 'T - 2')).toBe(true);
    expect(sameDim('S+T', 'T+S')).toBe(true);
  });

  it('multiplies numeric dims only', () => {
    expect(numericVolume(['B', 'T', 4, 8])).toBe(32);
    expect(numericVolume([])).toBe(1);
  });
});
