import type { Diagnostic } from '@seqlab/diagnostics';
import { DataCodes, dataError, fileSpan, type DataCode } from '../codes.js';
import type { DatasetResult } from '../types.js';
import { assemble, type RawExample, type RawTarget } from './assemble.js';
import { parseNpy, type NpyArray } from './npy-parse.js';
import { MAX_ERRORS, type ReadOptions } from './options.js';

/** The sizes of X `[N, T, D]` and y `[N, W]`, and whether y holds class ids. */
interface NpyDims {
  N: number;
  T: number;
  D: number;
  W: number;
  classify: boolean;
}

/**
 * Read a `.npy` pair: X `[N, T, D]` (or `[N, T]`, width 1) and y `[N]` or `[N, W]` (given
 * as `opts.y`). Integer y is a class id (unless `target: 'values'`), float y regression
 * values (unless `target: 'class'`).
 */
export function readNpy(bytes: Uint8Array, opts: ReadOptions): DatasetResult {
  const px = parseNpy(bytes, opts.file);
  if (!px.array) return px;
  const X = px.array;
  if (!opts.y) {
    return fail(
      DataCodes.npyShape,
      opts.file,
      'a .npy data set needs its targets: pass the y.npy file that goes with X',
    );
  }
  const yFile = opts.y.file;
  const py = parseNpy(opts.y.bytes, yFile);
  if (!py.array) return py;
  const y = py.array;

  const dims = checkShapes(X, y, opts, yFile);
  if ('diagnostics' in dims) return dims;
  const diagnostics = elementProblems(X, y, dims.classify, opts, yFile);
  if (diagnostics.length > 0) return { diagnostics };

  const raw = rawExamples(X, y, dims);
  if (dims.classify && !opts.labels) {
    // Class ids in y must stay the model's class ids: label k gets id k.
    const max = raw.reduce(
      (m, r) => (r.target.kind === 'class' ? Math.max(m, Number(r.target.label)) : m),
      0,
    );
    const min = raw.reduce(
      (m, r) => (r.target.kind === 'class' ? Math.min(m, Number(r.target.label)) : m),
      0,
    );
    if (min < 0) return fail(DataCodes.unknownLabel, yFile, `class ids must be >= 0; found ${min}`);
    opts = { ...opts, labels: Array.from({ length: max + 1 }, (_, k) => String(k)) };
  }
  return assemble(
    raw,
    {
      input: 'x',
      target: 'y',
      task: dims.classify ? 'classify' : 'regress',
      description: `arrays from ${opts.file} and ${yFile}`,
    },
    opts,
  );
}

/** X and y must have ranks and sizes that fit together; class targets one per example. */
function checkShapes(
  X: NpyArray,
  y: NpyArray,
  opts: ReadOptions,
  yFile: string,
): NpyDims | { diagnostics: Diagnostic[] } {
  if (X.shape.length !== 2 && X.shape.length !== 3) {
    return fail(
      DataCodes.npyShape,
      opts.file,
      `X must be [N, T, D] or [N, T]; got [${X.shape.join(', ')}]`,
    );
  }
  const [N = 0, T = 0, D = 1] = X.shape;
  if (y.shape.length < 1 || y.shape.length > 2 || y.shape[0] !== N) {
    return fail(
      DataCodes.npyShape,
      yFile,
      `y must be [${N}] or [${N}, W] to match X [${X.shape.join(', ')}]; got [${y.shape.join(', ')}]`,
    );
  }
  const W = y.shape[1] ?? 1;
  if (N === 0 || T === 0 || D === 0)
    return fail(DataCodes.noExamples, opts.file, `X [${X.shape.join(', ')}] holds no steps`);

  const classify =
    opts.target === 'class' ||
    (opts.target !== 'values' && (y.dtype === 'int32' || y.dtype === 'int64'));
  if (classify && W !== 1)
    return fail(
      DataCodes.npyShape,
      yFile,
      `class targets must be [${N}]; got [${y.shape.join(', ')}]`,
    );
  return { N, T, D, W, classify };
}

/** Non-finite values in X or y, and class ids that are not integers or not allowed labels. */
function elementProblems(
  X: NpyArray,
  y: NpyArray,
  classify: boolean,
  opts: ReadOptions,
  yFile: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const elementError = (
    a: NpyArray,
    file: string,
    i: number,
    message: string,
    code: DataCode = DataCodes.notANumber,
  ) => {
    if (diagnostics.length >= MAX_ERRORS) return;
    const at = a.dataOffset + i * a.itemSize;
    diagnostics.push(
      dataError(
        code,
        `element [${unravel(i, a.shape).join(', ')}]: ${message}`,
        fileSpan(file, at, at + a.itemSize),
      ),
    );
  };
  X.data.forEach((v, i) => {
    if (!Number.isFinite(v))
      elementError(X, opts.file, i, Number.isNaN(v) ? 'NaN value' : 'infinite value');
  });
  y.data.forEach((v, i) => {
    if (!Number.isFinite(v))
      elementError(y, yFile, i, Number.isNaN(v) ? 'NaN value' : 'infinite value');
    else if (classify && !Number.isInteger(v))
      elementError(y, yFile, i, `class id ${v} is not an integer`);
    else if (classify && opts.labels && !opts.labels.includes(String(v))) {
      elementError(y, yFile, i, `unknown label "${v}"`, DataCodes.unknownLabel);
    }
  });
  return diagnostics;
}

/** One raw example per row of X, keyed by its index, with y's row as its target. */
function rawExamples(X: NpyArray, y: NpyArray, { N, T, D, W, classify }: NpyDims): RawExample[] {
  const raw: RawExample[] = [];
  for (let n = 0; n < N; n++) {
    const steps: number[][] = [];
    for (let t = 0; t < T; t++) {
      const at = (n * T + t) * D;
      steps.push(Array.from(X.data.subarray(at, at + D)));
    }
    const ys = Array.from(y.data.subarray(n * W, (n + 1) * W));
    const target: RawTarget = classify
      ? { kind: 'class', label: String(ys[0]) }
      : { kind: 'values', values: ys };
    raw.push({ key: String(n), input: { kind: 'vectors', steps }, target });
  }
  return raw;
}

function fail(
  code: DataCode,
  file: string,
  message: string,
): { dataset?: undefined; diagnostics: Diagnostic[] } {
  return { diagnostics: [dataError(code, message, fileSpan(file))] };
}

/** Flat index -> multi-index in a C-order array of `shape`. */
function unravel(i: number, shape: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    const d = shape[k] ?? 1;
    out.unshift(i % d);
    i = Math.floor(i / d);
  }
  return out;
}
