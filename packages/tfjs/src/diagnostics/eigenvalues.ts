/**
 * Eigenvalues of a real square matrix: balancing, reduction to upper Hessenberg form by
 * stabilised elimination, then Francis double-shift QR (the EISPACK `balanc`/`elmhes`/`hqr`
 * sequence). Power iteration alone cannot give the spectral radius of a recurrent weight:
 * random `W_hh` usually has a complex pair on its spectral circle, and then the iterate
 * rotates instead of converging. O(n^3); about 0.1 s for n = 256 in Node.
 */
import type { DenseMatrix } from './dense-matrix.js';

/** One eigenvalue `re + i*im`. */
export interface Eigenvalue {
  readonly re: number;
  readonly im: number;
}

/** A 1-based square work array, as the classical algorithms index it. */
class Work {
  private readonly d: Float64Array;
  constructor(readonly n: number) {
    this.d = new Float64Array((n + 1) * (n + 1));
  }
  g(i: number, j: number): number {
    return this.d[i * (this.n + 1) + j] as number;
  }
  s(i: number, j: number, v: number): void {
    this.d[i * (this.n + 1) + j] = v;
  }
}

const sign = (a: number, b: number): number => (b >= 0 ? Math.abs(a) : -Math.abs(a));

/** Similarity scaling by powers of 2 so rows and columns have comparable norms (exact). */
function balance(a: Work): void {
  const n = a.n;
  const RADIX = 2;
  const sqrdx = RADIX * RADIX;
  let done = false;
  while (!done) {
    done = true;
    for (let i = 1; i <= n; i++) {
      let r = 0;
      let c = 0;
      for (let j = 1; j <= n; j++) {
        if (j === i) continue;
        c += Math.abs(a.g(j, i));
        r += Math.abs(a.g(i, j));
      }
      if (c === 0 || r === 0) continue;
      let g = r / RADIX;
      let f = 1;
      const s = c + r;
      while (c < g) {
        f *= RADIX;
        c *= sqrdx;
      }
      g = r * RADIX;
      while (c > g) {
        f /= RADIX;
        c /= sqrdx;
      }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        g = 1 / f;
        for (let j = 1; j <= n; j++) a.s(i, j, a.g(i, j) * g);
        for (let j = 1; j <= n; j++) a.s(j, i, a.g(j, i) * f);
      }
    }
  }
}

/** Reduction to upper Hessenberg form by Gaussian elimination with pivoting (similarity). */
function hessenberg(a: Work): void {
  const n = a.n;
  for (let m = 2; m < n; m++) {
    let x = 0;
    let i = m;
    for (let j = m; j <= n; j++) {
      if (Math.abs(a.g(j, m - 1)) > Math.abs(x)) {
        x = a.g(j, m - 1);
        i = j;
      }
    }
    if (i !== m) {
      for (let j = m - 1; j <= n; j++) {
        const t = a.g(i, j);
        a.s(i, j, a.g(m, j));
        a.s(m, j, t);
      }
      for (let j = 1; j <= n; j++) {
        const t = a.g(j, i);
        a.s(j, i, a.g(j, m));
        a.s(j, m, t);
      }
    }
    if (x === 0) continue;
    for (i = m + 1; i <= n; i++) {
      let y = a.g(i, m - 1);
      if (y === 0) continue;
      y /= x;
      a.s(i, m - 1, y);
      for (let j = m; j <= n; j++) a.s(i, j, a.g(i, j) - y * a.g(m, j));
      for (let j = 1; j <= n; j++) a.s(j, m, a.g(j, m) + y * a.g(j, i));
    }
  }
  // The multipliers stored below the subdiagonal are not part of the Hessenberg matrix.
  for (let i = 3; i <= n; i++) for (let j = 1; j < i - 1; j++) a.s(i, j, 0);
}

/**
 * Francis double-shift QR on an upper Hessenberg matrix; null if it does not converge.
 *
 * Transcribed from `hqr` in Press, Teukolsky, Vetterling and Flannery, Numerical Recipes in C,
 * 2nd ed. (1992), section 11.6, itself after the EISPACK routine of the same name (Martin,
 * Peters and Wilkinson, Handbook for Automatic Computation vol. II, contribution II/14).
 * Variable names and 1-based indexing follow that source so the two can be read side by side;
 * here the iteration cap is 60 with an extra exceptional shift at 40.
 */
// eslint-disable-next-line max-lines-per-function -- a transcribed numerical algorithm: one state machine over shared scalars (p, q, r, s, w, x, y, z, t) that the published routine keeps whole; splitting it would obscure the line-by-line match with the source
function hqr(a: Work): Eigenvalue[] | null {
  const n = a.n;
  const wr = new Float64Array(n + 1);
  const wi = new Float64Array(n + 1);
  let anorm = 0;
  for (let i = 1; i <= n; i++)
    for (let j = Math.max(i - 1, 1); j <= n; j++) anorm += Math.abs(a.g(i, j));
  let nn = n;
  let t = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let w = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  while (nn >= 1) {
    let its = 0;
    let l: number;
    do {
      // Look for a single small subdiagonal element to split the matrix.
      for (l = nn; l >= 2; l--) {
        s = Math.abs(a.g(l - 1, l - 1)) + Math.abs(a.g(l, l));
        if (s === 0) s = anorm;
        if (Math.abs(a.g(l, l - 1)) + s === s) {
          a.s(l, l - 1, 0);
          break;
        }
      }
      x = a.g(nn, nn);
      if (l === nn) {
        // One root found.
        wr[nn] = x + t;
        wi[nn] = 0;
        nn--;
      } else {
        y = a.g(nn - 1, nn - 1);
        w = a.g(nn, nn - 1) * a.g(nn - 1, nn);
        if (l === nn - 1) {
          // Two roots found: a real pair or a complex-conjugate pair.
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = -z;
            wi[nn] = z;
          }
          nn -= 2;
        } else {
          if (its === 60) return null;
          if (its === 10 || its === 20 || its === 40) {
            // Exceptional shift, to break cycles.
            t += x;
            for (let i = 1; i <= nn; i++) a.s(i, i, a.g(i, i) - x);
            s = Math.abs(a.g(nn, nn - 1)) + Math.abs(a.g(nn - 1, nn - 2));
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          ++its;
          // Form the shift and look for two consecutive small subdiagonal elements.
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = a.g(m, m);
            r = x - z;
            s = y - z;
            p = (r * s - w) / a.g(m + 1, m) + a.g(m, m + 1);
            q = a.g(m + 1, m + 1) - z - r - s;
            r = a.g(m + 2, m + 1);
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(a.g(m, m - 1)) * (Math.abs(q) + Math.abs(r));
            const v =
              Math.abs(p) *
              (Math.abs(a.g(m - 1, m - 1)) + Math.abs(z) + Math.abs(a.g(m + 1, m + 1)));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a.s(i, i - 2, 0);
            if (i !== m + 2) a.s(i, i - 3, 0);
          }
          // Double QR step on rows l..nn and columns m..nn.
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = a.g(k, k - 1);
              q = a.g(k + 1, k - 1);
              r = 0;
              if (k !== nn - 1) r = a.g(k + 2, k - 1);
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            s = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (s === 0) continue;
            if (k === m) {
              if (l !== m) a.s(k, k - 1, -a.g(k, k - 1));
            } else {
              a.s(k, k - 1, -s * x);
            }
            p += s;
            x = p / s;
            y = q / s;
            z = r / s;
            q /= p;
            r /= p;
            for (let j = k; j <= nn; j++) {
              p = a.g(k, j) + q * a.g(k + 1, j);
              if (k !== nn - 1) {
                p += r * a.g(k + 2, j);
                a.s(k + 2, j, a.g(k + 2, j) - p * z);
              }
              a.s(k + 1, j, a.g(k + 1, j) - p * y);
              a.s(k, j, a.g(k, j) - p * x);
            }
            const mmin = nn < k + 3 ? nn : k + 3;
            for (let i = l; i <= mmin; i++) {
              p = x * a.g(i, k) + y * a.g(i, k + 1);
              if (k !== nn - 1) {
                p += z * a.g(i, k + 2);
                a.s(i, k + 2, a.g(i, k + 2) - p * r);
              }
              a.s(i, k + 1, a.g(i, k + 1) - p * q);
              a.s(i, k, a.g(i, k) - p);
            }
          }
        }
      }
    } while (l < nn - 1);
  }
  return Array.from({ length: n }, (_, i) => ({
    re: wr[i + 1] as number,
    im: wi[i + 1] as number,
  }));
}

/** All eigenvalues of the square matrix `m` (in no particular order); null if QR stalls. */
export function eigenvalues(m: DenseMatrix): Eigenvalue[] | null {
  if (m.rows !== m.cols) throw new Error(`eigenvalues: ${m.rows}x${m.cols} is not square`);
  const n = m.rows;
  if (n === 0) return [];
  const a = new Work(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.s(i + 1, j + 1, m.at(i, j));
  balance(a);
  hessenberg(a);
  return hqr(a);
}

/** max |lambda| over the eigenvalues of `m`: the spectral radius; null if QR stalls. */
export function spectralRadius(m: DenseMatrix): number | null {
  const values = eigenvalues(m);
  if (values === null) return null;
  return values.reduce((best, e) => Math.max(best, Math.hypot(e.re, e.im)), 0);
}
