/** The diagnostics' linear algebra against matrices with known spectra. */
import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../../src/diagnostics/dense-matrix.js';
import { eigenvalues, spectralRadius } from '../../src/diagnostics/eigenvalues.js';
import { maxSingularValue } from '../../src/diagnostics/singular.js';
import { createRng } from '../../src/rng.js';

const random = (n: number, m: number, seed: number, scale = 1): DenseMatrix => {
  const rng = createRng(seed);
  return new DenseMatrix(
    n,
    m,
    Array.from({ length: n * m }, () => scale * rng.normal()),
  );
};

const mul = (a: DenseMatrix, b: DenseMatrix): DenseMatrix => {
  const out = new DenseMatrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.at(i, k) * b.at(k, j);
      out.set(i, j, s);
    }
  return out;
};

const trace = (a: DenseMatrix): number => {
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += a.at(i, i);
  return s;
};

describe('eigenvalues', () => {
  it('reads a triangular matrix off its diagonal', () => {
    const m = new DenseMatrix(3, 3, [2, 5, -1, 0, -3, 4, 0, 0, 0.5]);
    const re = (eigenvalues(m) ?? []).map((e) => e.re).sort((a, b) => a - b);
    expect(re[0]).toBeCloseTo(-3, 12);
    expect(re[1]).toBeCloseTo(0.5, 12);
    expect(re[2]).toBeCloseTo(2, 12);
    expect(spectralRadius(m)).toBeCloseTo(3, 12);
  });

  it('finds a complex pair where power iteration would rotate forever', () => {
    const c = Math.cos(0.3) * 1.2;
    const s = Math.sin(0.3) * 1.2;
    const m = new DenseMatrix(2, 2, [c, -s, s, c]);
    const e = eigenvalues(m) ?? [];
    expect(e.map((v) => Math.abs(v.im)).sort()).toEqual([
      expect.closeTo(s, 12),
      expect.closeTo(s, 12),
    ]);
    expect(spectralRadius(m)).toBeCloseTo(1.2, 12);
  });

  it('gives the roots of a companion matrix', () => {
    // (x - 1)(x + 2)(x - 0.5)(x^2 + 4) = x^5 + 0.5x^4 + 1x^3 + 2x^2 - 10x + 4... computed below.
    const roots = [
      [1, 0],
      [-2, 0],
      [0.5, 0],
      [0, 2],
      [0, -2],
    ] as const;
    // Polynomial coefficients by multiplying out (complex arithmetic, real result).
    let poly: [number, number][] = [[1, 0]];
    for (const [rr, ri] of roots) {
      const next: [number, number][] = Array.from({ length: poly.length + 1 }, () => [0, 0]);
      poly.forEach(([a, b], k) => {
        const hi = next[k] as [number, number];
        hi[0] += a;
        hi[1] += b;
        const lo = next[k + 1] as [number, number];
        lo[0] -= a * rr - b * ri;
        lo[1] -= a * ri + b * rr;
      });
      poly = next;
    }
    const n = roots.length;
    const m = new DenseMatrix(n, n);
    for (let j = 0; j < n; j++) m.set(0, j, -(poly[j + 1]?.[0] ?? 0));
    for (let i = 1; i < n; i++) m.set(i, i - 1, 1);
    const got = (eigenvalues(m) ?? []).map((e) => Math.hypot(e.re, e.im)).sort((a, b) => a - b);
    expect(got).toEqual([0.5, 1, 2, 2, 2].map((v) => expect.closeTo(v, 9)));
  });

  it('matches trace identities on random matrices of recurrent sizes', () => {
    for (const [n, seed] of [
      [7, 1],
      [32, 2],
      [64, 3],
      [128, 4],
    ] as const) {
      const m = random(n, n, seed, 1 / Math.sqrt(n));
      const e = eigenvalues(m);
      expect(e).not.toBeNull();
      if (e === null) return;
      const sum = e.reduce((s, v) => s + v.re, 0);
      const imag = e.reduce((s, v) => s + v.im, 0);
      // trace(A^2) = sum of lambda^2 (real part: re^2 - im^2).
      const sq = e.reduce((s, v) => s + v.re * v.re - v.im * v.im, 0);
      expect(sum).toBeCloseTo(trace(m), 8);
      expect(imag).toBeCloseTo(0, 8);
      expect(sq).toBeCloseTo(trace(mul(m, m)), 8);
      // Gelfand: ||A^k||^(1/k) -> rho; the largest singular value bounds rho from above.
      const rho = spectralRadius(m) ?? NaN;
      let p = m;
      for (let k = 1; k < 64; k++) p = mul(p, m);
      expect(Math.abs(Math.log(maxSingularValue(p)) / 64 - Math.log(rho))).toBeLessThan(0.1);
      expect(rho).toBeLessThanOrEqual(maxSingularValue(m) + 1e-12);
    }
  });
});

describe('maxSingularValue', () => {
  it('is the 2-norm of diagonal and rectangular matrices', () => {
    expect(maxSingularValue(new DenseMatrix(2, 2, [3, 0, 0, -4]))).toBeCloseTo(4, 10);
    // [[1, 1], [0, 0], [0, 0]] has singular value sqrt(2).
    expect(maxSingularValue(new DenseMatrix(3, 2, [1, 1, 0, 0, 0, 0]))).toBeCloseTo(Math.SQRT2, 10);
    expect(maxSingularValue(DenseMatrix.scalar(5, -0.5))).toBeCloseTo(0.5, 12);
  });

  it('equals sqrt of the largest eigenvalue of A^T A', () => {
    const a = random(12, 9, 7);
    const ata = new DenseMatrix(9, 9);
    for (let i = 0; i < 9; i++)
      for (let j = 0; j < 9; j++) {
        let s = 0;
        for (let k = 0; k < 12; k++) s += a.at(k, i) * a.at(k, j);
        ata.set(i, j, s);
      }
    expect(maxSingularValue(a)).toBeCloseTo(Math.sqrt(spectralRadius(ata) ?? NaN), 8);
  });
});
