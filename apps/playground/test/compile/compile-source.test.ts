import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile/compile-source.js';

const text = `model M(hidden = 16) {
  input x: [B, T, 4]
  x |> gru(hidden) |> last |> dense(2) -> y
  output y
}
`;

describe('compileSource', () => {
  it('applies an override the model declares, and reports the header', () => {
    const c = compileSource(text, { set: { hidden: 8 } });
    expect(c.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c.hyperparameters).toEqual([
      expect.objectContaining({ name: 'hidden', defaultText: '16' }),
    ]);
    expect(c.report?.layers.find((l) => l.op.startsWith('gru'))?.params).toBe(
      3 * (4 * 8 + 8 * 8 + 2 * 8),
    );
  });

  it('drops an override the model no longer declares (renamed since), keeping the rest', () => {
    const c = compileSource(text, { set: { hidden: 8, width: 3 } });
    expect(c.result.diagnostics).toEqual([]);
    expect(c.result.module).toBeDefined();
    const gru = c.report?.layers.find((l) => l.op.startsWith('gru'));
    expect(gru?.params).toBe(3 * (4 * 8 + 8 * 8 + 2 * 8));
  });
});
