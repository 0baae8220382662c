import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../src/writers/npy-write.js';
import { parseNpy } from '../../src/readers/npy-parse.js';

describe('encodeNpy', () => {
  it.each(['float32', 'float64', 'int32', 'int64'] as const)('round-trips %s', (dtype) => {
    const values = [0, 1, -2, 3, 40, -5];
    const bytes = encodeNpy(dtype, [2, 3], values);
    const parsed = parseNpy(bytes, 'x.npy');
    expect(parsed.diagnostics).toBeUndefined();
    expect(parsed.array?.dtype).toBe(dtype);
    expect(parsed.array?.shape).toEqual([2, 3]);
    expect(Array.from(parsed.array?.data ?? [])).toEqual(values);
    // numpy aligns the data to 64 bytes: magic + version + length + header.
    expect((parsed.array?.dataOffset ?? 1) % 64).toBe(0);
  });

  it('writes 1-d shapes as (n,) and rejects a size mismatch', () => {
    const header = new TextDecoder().decode(encodeNpy('float32', [3], [1, 2, 3]).subarray(10, 80));
    expect(header).toContain("'shape': (3,)");
    expect(() => encodeNpy('float32', [2, 2], [1])).toThrow(/needs 4 values, got 1/);
  });
});
