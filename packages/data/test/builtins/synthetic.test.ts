import { describe, expect, it } from 'vitest';
import { COPY_BLANK, COPY_GO, loadBuiltin, makeBatches } from '../../src/index.js';
import { ok } from '../helpers/expect-diagnostic.js';

describe('adding', () => {
  it('two markers, one per half; the target is the sum of the marked values', () => {
    const ds = ok(loadBuiltin('adding', { length: 20, train: 300, valid: 5, test: 5 }));
    expect(ds.splits.train).toHaveLength(300);
    for (const e of ds.splits.train) {
      const x = e.x as number[][];
      expect(x).toHaveLength(20);
      const marked = x.flatMap(([v, m], t) => (m === 1 ? [{ v: v ?? NaN, t }] : []));
      expect(marked).toHaveLength(2);
      expect(marked[0]?.t).toBeLessThan(10);
      expect(marked[1]?.t).toBeGreaterThanOrEqual(10);
      for (const [v, m] of x) {
        expect(m === 0 || m === 1).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(1);
      }
      expect((e.sum as number[])[0]).toBeCloseTo((marked[0]?.v ?? 0) + (marked[1]?.v ?? 0), 12);
    }
    const [batch] = makeBatches(ds, 'train', { batchSize: 16, shuffle: false, seed: 0 });
    expect(batch?.tensors.x?.shape).toEqual([16, 20, 2]);
    expect(batch?.tensors.sum?.shape).toEqual([16, 1]);
  });

  it('is seeded: same seed same data, other seed other data, test set independent of train size', () => {
    const a = ok(loadBuiltin('adding', { seed: 3, train: 10 }));
    const b = ok(loadBuiltin('adding', { seed: 3, train: 10 }));
    const c = ok(loadBuiltin('adding', { seed: 4, train: 10 }));
    const d = ok(loadBuiltin('adding', { seed: 3, train: 50 }));
    expect(a.splits).toEqual(b.splits);
    expect(a.splits.train).not.toEqual(c.splits.train);
    expect(d.splits.test).toEqual(a.splits.test);
  });
});

describe('copy', () => {
  it('writes the symbols back after the delimiter', () => {
    const ds = ok(loadBuiltin('copy', { length: 5, delay: 7, symbols: 4, train: 50 }));
    expect(ds.task).toBe('tag');
    const vocab = ds.fields[0]?.vocab;
    for (const e of ds.splits.train) {
      const input = vocab?.decode(e.input as number[]) ?? [];
      const output = vocab?.decode(e.output as number[]) ?? [];
      expect(input).toHaveLength(5 + 7 + 5);
      expect(output).toHaveLength(input.length);
      const symbols = input.slice(0, 5);
      for (const s of symbols) expect(['a', 'b', 'c', 'd']).toContain(s);
      expect(input.slice(5, 11)).toEqual(Array(6).fill(COPY_BLANK));
      expect(input[11]).toBe(COPY_GO);
      expect(input.slice(12)).toEqual(Array(5).fill(COPY_BLANK));
      expect(output.slice(0, 12)).toEqual(Array(12).fill(COPY_BLANK));
      expect(output.slice(12)).toEqual(symbols);
    }
  });
});

describe('sine', () => {
  it('the target at each step is the next input value', () => {
    const ds = ok(loadBuiltin('sine', { length: 30, train: 40 }));
    for (const e of ds.splits.train) {
      const x = (e.x as number[][]).map((r) => r[0]);
      const next = (e.next as number[][]).map((r) => r[0]);
      expect(x).toHaveLength(30);
      expect(next.slice(0, -1)).toEqual(x.slice(1));
      for (const v of x) expect(Math.abs(v ?? 99)).toBeLessThan(2.5);
    }
    const [batch] = makeBatches(ds, 'train', { batchSize: 8, shuffle: true, seed: 1 });
    expect(batch?.tensors.next?.shape).toEqual([8, 30, 1]);
  });

  it('noise 0 gives an exact sine: x[t+1] follows from x[t-1], x[t] by the sine recurrence', () => {
    const ds = ok(loadBuiltin('sine', { noise: 0, length: 20, train: 10 }));
    for (const e of ds.splits.train) {
      const x = (e.x as number[][]).map((r) => r[0] ?? NaN);
      // s[t+1] + s[t-1] = 2cos(w) s[t] for every t: estimate 2cos(w) once, check everywhere
      const k = ((x[2] ?? 0) + (x[0] ?? 0)) / (x[1] ?? 1);
      for (let t = 2; t < x.length - 1; t++) {
        expect((x[t + 1] ?? 0) + (x[t - 1] ?? 0)).toBeCloseTo(k * (x[t] ?? 0), 6);
      }
    }
  });
});
