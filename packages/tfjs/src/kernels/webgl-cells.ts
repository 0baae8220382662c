/**
 * The cell kernels of bptt/cell-ops.ts for tfjs-backend-webgl: each is one or two shader
 * programs (draw calls) instead of the 10–30 that the composed cell takes. On WebGL every
 * kernel costs a draw call whatever its size, and on a software GPU (SwiftShader, which is
 * what headless Chromium has here) that per-call cost is what bounds a recurrence
 * (docs/performance.md).
 *
 * The programs read and write PACKED textures (2×2 blocks of the last two dimensions),
 * the layout of tfjs's matMul output and input, so no pack/unpack program runs between a
 * step's product and its cell. Each output block is written lane by lane from scalar reads
 * (`getChannel`), so gate blocks need not start on an even column: any B and H work.
 * The step index is a uniform, so one compiled program serves every step.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { CellAttrs, CellKernelName } from '../bptt/cell-ops.js';

/** The part of tfjs-backend-webgl's GPGPUProgram we use. */
interface Program {
  readonly variableNames: string[];
  readonly outputShape: number[];
  readonly userCode: string;
  readonly packedInputs: true;
  readonly packedOutput: true;
  readonly customUniforms: { name: string; type: 'int' }[];
}

interface WebglBackendLike {
  runWebGLProgram(
    program: Program,
    inputs: TensorInfo[],
    dtype: 'float32',
    customUniformValues?: number[][],
  ): TensorInfo;
}

function webgl(backend: unknown): WebglBackendLike {
  const b = backend as Partial<WebglBackendLike>;
  if (typeof b.runWebGLProgram !== 'function') {
    throw new Error('seqlab webgl kernel: the backend is not tfjs-backend-webgl');
  }
  return b as WebglBackendLike;
}

/** A scalar reader `name(b, j)` for an input of rank 1 (by j), 2 (b, j) or 3 (step, b, j). */
function reader(name: string, rank: number): string {
  const sampler = `get${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  if (rank === 1) return `float ${name}At(int b, int j) { return getChannel(${sampler}(j), j); }`;
  const coords = rank === 3 ? 'cellStep, b, j' : 'b, j';
  return `float ${name}At(int b, int j) { return getChannel(${sampler}(${coords}), vec2(b, j)); }`;
}

const MATH = `
  float sigm(float x) { return 1.0 / (1.0 + exp(-x)); }
  // tanh through exp(-2|x|): no overflow for large |x|.
  float tanhS(float x) { float e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
`;

/**
 * A program whose output `[rows, cols]` is `body` evaluated per element: `body` is GLSL
 * statements ending in `return` over ints `b`, `j` and the inputs' readers `<name>At(b, j)`.
 */
function program(
  inputs: Record<string, number>,
  rows: number,
  cols: number,
  helpers: string,
  body: string,
): Program {
  const names = Object.keys(inputs);
  const lane = (db: number, dj: number) => `value(rc.x + ${db}, rc.y + ${dj})`;
  return {
    variableNames: names,
    outputShape: [rows, cols],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'cellStep', type: 'int' }],
    userCode: `
      ${MATH}
      ${names.map((n) => reader(n, inputs[n] as number)).join('\n')}
      ${helpers}
      float value(int b, int j) {
        if (b >= ${rows} || j >= ${cols}) return 0.0;
        ${body}
      }
      void main() {
        ivec2 rc = getOutputCoords();
        setOutput(vec4(${lane(0, 0)}, ${lane(0, 1)}, ${lane(1, 0)}, ${lane(1, 1)}));
      }
    `,
  };
}

/** LSTM gate activations at (b, j): i, f, g, o from the step's projection plus `rec`. */
const LSTM_GATES = (H: number) => `
  vec4 gates(int b, int j) {
    return vec4(
      sigm(xwAt(b, j) + recAt(b, j)),
      sigm(xwAt(b, j + ${H}) + recAt(b, j + ${H})),
      tanhS(xwAt(b, j + ${2 * H}) + recAt(b, j + ${2 * H})),
      sigm(xwAt(b, j + ${3 * H}) + recAt(b, j + ${3 * H})));
  }
`;

/** LSTM backward helper (needs the gradient inputs carry, dy, dc). */
const LSTM_DC = `
  // Total gradient at c_t: from later steps plus through h_t = o tanh(c_t).
  float dcTotal(int b, int j, vec4 a, float tc) {
    float dh = carryAt(b, j) + dyAt(b, j);
    return dcAt(b, j) + dh * a.w * (1.0 - tc * tc);
  }
`;

/** GRU gates at (b, j): r, z, n and the recurrent n-part `hn` (with b_hn). */
const GRU_GATES = (H: number) => `
  vec4 gates(int b, int j) {
    float r = sigm(xwAt(b, j) + recAt(b, j) + bhhAt(b, j));
    float z = sigm(xwAt(b, j + ${H}) + recAt(b, j + ${H}) + bhhAt(b, j + ${H}));
    float hn = recAt(b, j + ${2 * H}) + bhhAt(b, j + ${2 * H});
    return vec4(r, z, tanhS(xwAt(b, j + ${2 * H}) + r * hn), hn);
  }
`;

/** GRU backward helper (needs the gradient inputs carry, dy and hPrev). */
const GRU_DNZ = `
  // The n-block's pre-activation gradient and the z-block's at (b, j).
  vec2 dnz(int b, int j, vec4 a) {
    float dh = carryAt(b, j) + dyAt(b, j);
    return vec2(dh * (1.0 - a.y) * (1.0 - a.z * a.z),
                dh * (hPrevAt(b, j) - a.z) * a.y * (1.0 - a.y));
  }
`;

/** Gate block k and column j within it of column `col` of a `[B, G·H]` gradient. */
const BLOCK = (H: number) => `int k = j / ${H}; int jj = j - k * ${H};`;

type Run = (gl: WebglBackendLike, inputs: Record<string, TensorInfo>, a: CellAttrs) => TensorInfo[];

function need(inputs: Record<string, TensorInfo>, name: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new Error(`seqlab webgl cell kernel: input '${name}' is missing`);
  return t;
}

/** Runs `p` over the named inputs, in the program's order, at step `t`. */
function exec(gl: WebglBackendLike, p: Program, inputs: Record<string, TensorInfo>, t: number) {
  const list = p.variableNames.map((n) => need(inputs, n));
  return gl.runWebGLProgram(p, list, 'float32', [[t]]);
}

const rowsOf = (inputs: Record<string, TensorInfo>, name: string) =>
  need(inputs, name).shape[0] ?? 0;

const RUNS: Record<CellKernelName, Run> = {
  SeqlabTanhCell: (gl, ins, { t, hidden: H }) => [
    exec(
      gl,
      program(
        { xw: 3, rec: 2 },
        rowsOf(ins, 'rec'),
        H,
        '',
        `return tanhS(xwAt(b, j) + recAt(b, j));`,
      ),
      ins,
      t,
    ),
  ],
  SeqlabTanhCellGrad: (gl, ins, { t, hidden: H }) => [
    exec(
      gl,
      program(
        { h: 2, carry: 2, dy: 3 },
        rowsOf(ins, 'h'),
        H,
        '',
        `
        float h = hAt(b, j);
        return (1.0 - h * h) * (carryAt(b, j) + dyAt(b, j));`,
      ),
      ins,
      t,
    ),
  ],
  SeqlabLstmCell: (gl, ins, { t, hidden: H }) => {
    const B = rowsOf(ins, 'rec');
    const c = exec(
      gl,
      program(
        { xw: 3, rec: 2, c: 2 },
        B,
        H,
        LSTM_GATES(H),
        `
        vec4 a = gates(b, j);
        return a.y * cAt(b, j) + a.x * a.z;`,
      ),
      ins,
      t,
    );
    const hOut = exec(
      gl,
      program(
        { xw: 3, rec: 2, cNext: 2 },
        B,
        H,
        '',
        `
        float o = sigm(xwAt(b, j + ${3 * H}) + recAt(b, j + ${3 * H}));
        return o * tanhS(cNextAt(b, j));`,
      ),
      { ...ins, cNext: c },
      t,
    );
    return [c, hOut];
  },
  SeqlabLstmCellGrad: (gl, ins, { t, hidden: H }) => {
    const B = rowsOf(ins, 'rec');
    const reads = { xw: 3, rec: 2, cPrev: 2, c: 2, carry: 2, dy: 3, dc: 2 };
    const dGates = program(
      reads,
      B,
      4 * H,
      LSTM_GATES(H) + LSTM_DC,
      `
      ${BLOCK(H)}
      vec4 a = gates(b, jj);
      float tc = tanhS(cAt(b, jj));
      if (k == 3) return (carryAt(b, jj) + dyAt(b, jj)) * tc * a.w * (1.0 - a.w);
      float dc = dcTotal(b, jj, a, tc);
      if (k == 0) return dc * a.z * a.x * (1.0 - a.x);
      if (k == 1) return dc * cPrevAt(b, jj) * a.y * (1.0 - a.y);
      return dc * a.x * (1.0 - a.z * a.z);`,
    );
    const dcPrev = program(
      reads,
      B,
      H,
      LSTM_GATES(H) + LSTM_DC,
      `
      vec4 a = gates(b, j);
      return dcTotal(b, j, a, tanhS(cAt(b, j))) * a.y;`,
    );
    return [exec(gl, dGates, ins, t), exec(gl, dcPrev, ins, t)];
  },
  SeqlabGruCell: (gl, ins, { t, hidden: H }) => [
    exec(
      gl,
      program(
        { xw: 3, rec: 2, bhh: 1, h: 2 },
        rowsOf(ins, 'rec'),
        H,
        GRU_GATES(H),
        `
        vec4 a = gates(b, j);
        return a.z + a.y * (hAt(b, j) - a.z);`,
      ),
      ins,
      t,
    ),
  ],
  SeqlabGruCellGrad: (gl, ins, { t, hidden: H }) => {
    const B = rowsOf(ins, 'rec');
    const reads = { xw: 3, rec: 2, bhh: 1, hPrev: 2, carry: 2, dy: 3 };
    // δ of the three pre-activation blocks; `nScale` multiplies the n block (r for δrec).
    const blocks = (nScale: string) =>
      program(
        reads,
        B,
        3 * H,
        GRU_GATES(H) + GRU_DNZ,
        `
        ${BLOCK(H)}
        vec4 a = gates(b, jj);
        vec2 d = dnz(b, jj, a);
        if (k == 2) return d.x * ${nScale};
        if (k == 1) return d.y;
        return d.x * a.w * a.x * (1.0 - a.x);`,
      );
    const direct = program(
      reads,
      B,
      H,
      '',
      `
      return (carryAt(b, j) + dyAt(b, j)) *
        sigm(xwAt(b, j + ${H}) + recAt(b, j + ${H}) + bhhAt(b, j + ${H}));`,
    );
    return [
      exec(gl, blocks('1.0'), ins, t),
      exec(gl, blocks('a.x'), ins, t),
      exec(gl, direct, ins, t),
    ];
  },
};

/** The six cell kernels for the webgl backend, by kernel name. */
export function webglCellKernels(): Record<string, KernelFunc> {
  return Object.fromEntries(
    Object.entries(RUNS).map(([name, run]) => [
      name,
      ((args: { inputs: object; backend: unknown; attrs?: object }) =>
        run(
          webgl(args.backend),
          args.inputs as Record<string, TensorInfo>,
          args.attrs as CellAttrs,
        )) as unknown as KernelFunc,
    ]),
  );
}
