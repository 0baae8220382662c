/**
 * The cell kernels of bptt/cell-ops.ts for tfjs-backend-webgl: each is one or two shader
 * programs (draw calls) instead of the 10–30 that the composed cell takes. On WebGL every
 * kernel costs a draw call whatever its size, and on a software GPU (SwiftShader, which is
 * what headless Chromium has here) that per-call cost is what bounds a small recurrence
 * (docs/performance.md).
 *
 * Only the recomputing kernels: a saving variant's extra output would be one more program
 * (draw call) per step, which costs more here than the shader's exp and tanh (cell-ops.ts).
 *
 * The programs read and write PACKED textures (2×2 blocks of the last two dimensions), the
 * layout of tfjs's matMul output and input, so no pack/unpack program runs between a step's
 * product and its cell. Each cell is written once in GLSL over a value type `VAL`:
 * - even H: `VAL` is `vec4`, one texel block at a time (gate blocks start on even columns);
 * - odd H: `VAL` is `float`, lane by lane from scalar reads (`getChannel`), because a texel
 *   may then straddle two gates.
 * Padding lanes of an output are written as zeros, as tfjs's own packed programs do (its
 * matMul adds them up when a dimension is odd). The step index is a uniform, so one
 * compiled program serves every step.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { CellAttrs, RecomputingCellKernelName } from '@seqlab/tfjs';
import { webglBackend, type WebglBackendLike, type WebglProgram } from './webgl-program.js';

/** Input ranks by input name: 1 (read at j), 2 (at b, j) or 3 (time-major, at step, b, j). */
type Reads = Record<string, 1 | 2 | 3>;

/** `<name>At(b, j)`: the value at (b, j) (scalar mode) or the 2×2 block there (vector mode). */
function reader(name: string, rank: number, vector: boolean): string {
  const sampler = `get${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  const coords = rank === 3 ? 'cellStep, b, j' : rank === 2 ? 'b, j' : 'j';
  if (vector) {
    // A rank-1 texel holds (j, j+1): the same two values for rows b and b+1.
    const swizzle = rank === 1 ? '.xyxy' : '';
    return `vec4 ${name}At(int b, int j) { return ${sampler}(${coords})${swizzle}; }`;
  }
  const inner = rank === 1 ? 'j' : 'vec2(b, j)';
  return `float ${name}At(int b, int j) { return getChannel(${sampler}(${coords}), ${inner}); }`;
}

const MATH = `
  float sigm(float x) { return 1.0 / (1.0 + exp(-x)); }
  vec4 sigm(vec4 x) { return 1.0 / (1.0 + exp(-x)); }
  // tanh through exp(-2|x|): no overflow for large |x|.
  float tanhS(float x) { float e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
  vec4 tanhS(vec4 x) { vec4 e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
`;

/**
 * A program whose `[rows, cols]` output is `body` (GLSL statements ending in `return` of a
 * `VAL`, over ints `b`, `j` and the readers) at every element or block. `vector` needs an
 * even `cols` and even gate offsets; the last block row is zeroed when `rows` is odd.
 */
function program(
  reads: Reads,
  rows: number,
  cols: number,
  vector: boolean,
  helpers: string,
  body: string,
): WebglProgram {
  const names = Object.keys(reads);
  const lane = (db: number, dj: number) => `value(rc.x + ${db}, rc.y + ${dj})`;
  const main = vector
    ? `vec4 r = value(rc.x, rc.y);
       if (rc.x + 1 >= ${rows}) { r.z = 0.0; r.w = 0.0; }
       setOutput(r);`
    : `setOutput(vec4(${lane(0, 0)}, ${lane(0, 1)}, ${lane(1, 0)}, ${lane(1, 1)}));`;
  const guard = vector ? '' : `if (b >= ${rows} || j >= ${cols}) return 0.0;`;
  return {
    variableNames: names,
    outputShape: [rows, cols],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'cellStep', type: 'int' }],
    userCode: `
      #define VAL ${vector ? 'vec4' : 'float'}
      ${MATH}
      ${names.map((n) => reader(n, reads[n] as number, vector)).join('\n')}
      ${helpers}
      VAL value(int b, int j) {
        ${guard}
        ${body}
      }
      void main() {
        ivec2 rc = getOutputCoords();
        ${main}
      }
    `,
  };
}

/** LSTM gate activations at (b, j) from the step's projection plus `rec`. */
const LSTM_GATES = (H: number) => `
  struct Gates { VAL i; VAL f; VAL g; VAL o; };
  Gates gates(int b, int j) {
    Gates a;
    a.i = sigm(xwAt(b, j) + recAt(b, j));
    a.f = sigm(xwAt(b, j + ${H}) + recAt(b, j + ${H}));
    a.g = tanhS(xwAt(b, j + ${2 * H}) + recAt(b, j + ${2 * H}));
    a.o = sigm(xwAt(b, j + ${3 * H}) + recAt(b, j + ${3 * H}));
    return a;
  }
`;

/** LSTM backward helper (needs the gradient inputs carry, dy, dc). */
const LSTM_DC = `
  // Total gradient at c_t: from later steps plus through h_t = o tanh(c_t).
  VAL dcTotal(int b, int j, Gates a, VAL tc) {
    VAL dh = carryAt(b, j) + dyAt(b, j);
    return dcAt(b, j) + dh * a.o * (1.0 - tc * tc);
  }
`;

/** GRU gates at (b, j): r, z, n and the recurrent n-part `hn` (with b_hn). */
const GRU_GATES = (H: number) => `
  struct GruGates { VAL r; VAL z; VAL n; VAL hn; };
  GruGates gates(int b, int j) {
    GruGates a;
    a.r = sigm(xwAt(b, j) + recAt(b, j) + bhhAt(b, j));
    a.z = sigm(xwAt(b, j + ${H}) + recAt(b, j + ${H}) + bhhAt(b, j + ${H}));
    a.hn = recAt(b, j + ${2 * H}) + bhhAt(b, j + ${2 * H});
    a.n = tanhS(xwAt(b, j + ${2 * H}) + a.r * a.hn);
    return a;
  }
`;

/** GRU backward helper: the n- and z-blocks' pre-activation gradients at (b, j). */
const GRU_DNZ = `
  void dnz(int b, int j, GruGates a, out VAL dn, out VAL dz) {
    VAL dh = carryAt(b, j) + dyAt(b, j);
    dn = dh * (1.0 - a.z) * (1.0 - a.n * a.n);
    dz = dh * (hPrevAt(b, j) - a.n) * a.z * (1.0 - a.z);
  }
`;

/** Gate block k and column jj within it of column j of a `[B, G·H]` gradient. */
const BLOCK = (H: number) => `int k = j / ${H}; int jj = j - k * ${H};`;

/** One program of a kernel: what it reads, its width in units of H, and its GLSL. */
interface Part {
  readonly reads: Reads;
  readonly width: number;
  readonly helpers: (H: number) => string;
  readonly body: (H: number) => string;
}

const none = () => '';

const LSTM_READS: Reads = { xw: 3, rec: 2, cPrev: 2, c: 2, carry: 2, dy: 3, dc: 2 };
const GRU_READS: Reads = { xw: 3, rec: 2, bhh: 1, hPrev: 2, carry: 2, dy: 3 };

/** δ of GRU's three pre-activation blocks; `nScale` multiplies the n block (r for δrec). */
const gruBlocks = (nScale: string): Part => ({
  reads: GRU_READS,
  width: 3,
  helpers: (H) => GRU_GATES(H) + GRU_DNZ,
  body: (H) => `
    ${BLOCK(H)}
    GruGates a = gates(b, jj);
    VAL dn; VAL dz;
    dnz(b, jj, a, dn, dz);
    if (k == 2) return dn * ${nScale};
    if (k == 1) return dz;
    return dn * a.hn * a.r * (1.0 - a.r);`,
});

/**
 * Each kernel's programs, run in order; a program may read the outputs of the earlier ones
 * by the names in `chain` (the LSTM's h reads the new c).
 */
const PARTS: Record<RecomputingCellKernelName, { parts: Part[]; chain?: string[] }> = {
  SeqlabTanhCell: {
    parts: [
      {
        reads: { xw: 3, rec: 2 },
        width: 1,
        helpers: none,
        body: () => `return tanhS(xwAt(b, j) + recAt(b, j));`,
      },
    ],
  },
  SeqlabTanhCellGrad: {
    parts: [
      {
        reads: { h: 2, carry: 2, dy: 3 },
        width: 1,
        helpers: none,
        body: () => `VAL h = hAt(b, j); return (1.0 - h * h) * (carryAt(b, j) + dyAt(b, j));`,
      },
    ],
  },
  SeqlabLstmCell: {
    chain: ['cNext'],
    parts: [
      {
        reads: { xw: 3, rec: 2, c: 2 },
        width: 1,
        helpers: LSTM_GATES,
        body: () => `Gates a = gates(b, j); return a.f * cAt(b, j) + a.i * a.g;`,
      },
      {
        reads: { xw: 3, rec: 2, cNext: 2 },
        width: 1,
        helpers: none,
        body: (H) => `
          VAL o = sigm(xwAt(b, j + ${3 * H}) + recAt(b, j + ${3 * H}));
          return o * tanhS(cNextAt(b, j));`,
      },
    ],
  },
  SeqlabLstmCellGrad: {
    parts: [
      {
        reads: LSTM_READS,
        width: 4,
        helpers: (H) => LSTM_GATES(H) + LSTM_DC,
        body: (H) => `
          ${BLOCK(H)}
          Gates a = gates(b, jj);
          VAL tc = tanhS(cAt(b, jj));
          if (k == 3) return (carryAt(b, jj) + dyAt(b, jj)) * tc * a.o * (1.0 - a.o);
          VAL dc = dcTotal(b, jj, a, tc);
          if (k == 0) return dc * a.g * a.i * (1.0 - a.i);
          if (k == 1) return dc * cPrevAt(b, jj) * a.f * (1.0 - a.f);
          return dc * a.i * (1.0 - a.g * a.g);`,
      },
      {
        reads: LSTM_READS,
        width: 1,
        helpers: (H) => LSTM_GATES(H) + LSTM_DC,
        body: () => `Gates a = gates(b, j); return dcTotal(b, j, a, tanhS(cAt(b, j))) * a.f;`,
      },
    ],
  },
  SeqlabGruCell: {
    parts: [
      {
        reads: { xw: 3, rec: 2, bhh: 1, h: 2 },
        width: 1,
        helpers: GRU_GATES,
        body: () => `GruGates a = gates(b, j); return a.n + a.z * (hAt(b, j) - a.n);`,
      },
    ],
  },
  SeqlabGruCellGrad: {
    parts: [
      gruBlocks('1.0'),
      gruBlocks('a.r'),
      {
        reads: GRU_READS,
        width: 1,
        helpers: none,
        body: (H) => `
          return (carryAt(b, j) + dyAt(b, j)) *
            sigm(xwAt(b, j + ${H}) + recAt(b, j + ${H}) + bhhAt(b, j + ${H}));`,
      },
    ],
  },
};

function need(inputs: Record<string, TensorInfo>, name: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new Error(`seqlab webgl cell kernel: input '${name}' is missing`);
  return t;
}

/** Runs a kernel's programs at step `t`; every output is `[B, width·H]`. */
function runKernel(
  gl: WebglBackendLike,
  name: RecomputingCellKernelName,
  inputs: Record<string, TensorInfo>,
  { t, hidden: H }: CellAttrs,
): TensorInfo[] {
  const { parts, chain = [] } = PARTS[name];
  const B = Object.values(inputs).find((x) => x.shape.length === 2)?.shape[0] ?? 0;
  const vector = H % 2 === 0;
  const available = { ...inputs };
  const outs: TensorInfo[] = [];
  parts.forEach((p, i) => {
    const prog = program(p.reads, B, p.width * H, vector, p.helpers(H), p.body(H));
    const list = prog.variableNames.map((n) => need(available, n));
    const out = gl.runWebGLProgram(prog, list, 'float32', [[t]]);
    const alias = chain[i];
    if (alias !== undefined) available[alias] = out;
    outs.push(out);
  });
  return outs;
}

/** The six cell kernels for the webgl backend, by kernel name. */
export function webglCellKernels(): Record<string, KernelFunc> {
  return Object.fromEntries(
    (Object.keys(PARTS) as RecomputingCellKernelName[]).map((name) => [
      name,
      ((args: { inputs: object; backend: unknown; attrs?: object }) =>
        runKernel(
          webglBackend(args.backend),
          name,
          args.inputs as Record<string, TensorInfo>,
          args.attrs as CellAttrs,
        )) as unknown as KernelFunc,
    ]),
  );
}
