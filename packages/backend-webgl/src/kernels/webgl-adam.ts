/**
 * The fused Adam update (train/adam-update.ts) for tfjs-backend-webgl: three packed
 * elementwise programs (m', v', p') instead of ~14, for parameters of rank 1 to 4. The hyperparameters, including the bias
 * corrections that change every step, are uniforms: one compiled program per shape.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { AdamAttrs } from '@seqlab/tfjs';
import { webglBackend, type WebglProgram } from './webgl-program.js';

const UNIFORMS = ['lr', 'beta1', 'beta2', 'eps', 'bc1', 'bc2', 'l2', 'decay'] as const;

const SHARED = `
  vec4 grad() { return getGAtOutCoords() + l2 * getPAtOutCoords(); }
  vec4 mNew() { return beta1 * getMAtOutCoords() + (1.0 - beta1) * grad(); }
  vec4 vNew() { vec4 g = grad(); return beta2 * getVAtOutCoords() + (1.0 - beta2) * g * g; }
`;

const OUTPUTS = {
  m: 'mNew()',
  v: 'vNew()',
  p: 'decay * getPAtOutCoords() - lr * (mNew() / bc1) / (sqrt(vNew() / bc2) + eps)',
};

/**
 * Zeroes the lanes of the output's last 2×2 block that lie outside `shape` (odd sizes), as
 * tfjs's packed programs do: its matMul sums padding lanes when a dimension is odd.
 */
function maskPadding(shape: readonly number[]): string {
  const rank = shape.length;
  const comp = (i: number) => (rank === 1 ? '' : `.${'xyzw'[i]}`);
  const cols = shape[rank - 1] ?? 1;
  const lines = [`if (rc${comp(rank - 1)} + 1 >= ${cols}) { r.y = 0.0; r.w = 0.0; }`];
  if (rank >= 2)
    lines.push(`if (rc${comp(rank - 2)} + 1 >= ${shape[rank - 2]}) { r.z = 0.0; r.w = 0.0; }`);
  return lines.join('\n');
}

function program(shape: number[], out: keyof typeof OUTPUTS): WebglProgram {
  const coords = ['int', 'ivec2', 'ivec3', 'ivec4'][shape.length - 1];
  return {
    variableNames: ['p', 'g', 'm', 'v'],
    outputShape: shape,
    packedInputs: true,
    packedOutput: true,
    customUniforms: UNIFORMS.map((name) => ({ name, type: 'float' as const })),
    userCode: `${SHARED}
      void main() {
        ${coords} rc = getOutputCoords();
        vec4 r = ${OUTPUTS[out]};
        ${maskPadding(shape)}
        setOutput(r);
      }`,
  };
}

/** `SeqlabAdam` for webgl. */
export function webglAdamKernel(): KernelFunc {
  return ((args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: AdamAttrs }) => {
    const gl = webglBackend(args.backend);
    const { p, g, m, v } = args.inputs;
    const at = args.attrs;
    if (!p || !g || !m || !v || !at) throw new Error('seqlab adam kernel: bad call');
    const values = UNIFORMS.map((u) => [at[u]]);
    return (['p', 'm', 'v'] as const).map((out) =>
      gl.runWebGLProgram(program(p.shape, out), [p, g, m, v], 'float32', values),
    );
  }) as unknown as KernelFunc;
}
