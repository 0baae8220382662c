import { describe, expect, it } from 'vitest';
import { formatRows } from './format-rows.js';
import { parseBrowserBenchArgs } from './run-browser-bench.js';
import type { BrowserRow } from './types.js';

describe('formatRows', () => {
  const base = { backend: 'wasm', model: 'rnn', size: 'small' } as const;
  it('divides seqlab by the peer on the same backend, model and size', () => {
    const rows: BrowserRow[] = [
      { ...base, engine: 'seqlab', ms_per_step: 10, infer_ms: 1, steps: 20, warmup: 5 },
      { ...base, engine: 'tfjs-layers', ms_per_step: 40, infer_ms: 2 },
      { ...base, model: 'lstm', engine: 'seqlab', ms_per_step: 30, infer_ms: 3 },
    ];
    const lines = formatRows(rows).split('\n');
    expect(lines[2]).toMatch(/seqlab\s+wasm\s+rnn\s+small\s+20\+5\s+10\.00\s+1\.00\s+0\.25x$/);
    expect(lines[4]).toMatch(/lstm .* -\s+30\.00\s+3\.00\s+-$/);
  });

  it('lists errors under the table', () => {
    const out = formatRows([{ ...base, engine: 'tfjs-layers', error: 'no kernel' }]);
    expect(out).toContain('error [1]');
    expect(out).toContain('[1] tfjs-layers wasm rnn small: no kernel');
  });
});

describe('parseBrowserBenchArgs', () => {
  it('--quick means the small size unless sizes are given', () => {
    expect(parseBrowserBenchArgs(['--quick']).sizes).toEqual(['small']);
    expect(parseBrowserBenchArgs([]).sizes).toEqual(['small', 'large']);
    expect(parseBrowserBenchArgs(['--quick', '--size', 'large']).sizes).toEqual(['large']);
  });

  it('rejects unknown names', () => {
    expect(() => parseBrowserBenchArgs(['--backend', 'cpu'])).toThrow(/choose webgl, webgpu, wasm/);
    expect(() => parseBrowserBenchArgs(['--fast'])).toThrow(/unknown argument/);
  });
});
