/**
 * The part of tfjs-backend-webgl seqlab's shader kernels use, duck-typed at run time so the
 * lowering package does not depend on the backend package: a GPGPU program description and
 * the backend's `runWebGLProgram`.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';

/** A shader program over packed textures (2×2 blocks of the last two dimensions). */
export interface WebglProgram {
  readonly variableNames: string[];
  readonly outputShape: number[];
  readonly userCode: string;
  readonly packedInputs: true;
  readonly packedOutput: true;
  readonly customUniforms: { name: string; type: 'int' | 'float' }[];
}

/** tfjs-backend-webgl's MathBackendWebGL, narrowed to running a program. */
export interface WebglBackendLike {
  runWebGLProgram(
    program: WebglProgram,
    inputs: TensorInfo[],
    dtype: 'float32',
    customUniformValues?: number[][],
  ): TensorInfo;
}

/** The kernel's backend as a {@link WebglBackendLike}, or an error if it is not webgl. */
export function webglBackend(backend: unknown): WebglBackendLike {
  const b = backend as Partial<WebglBackendLike>;
  if (typeof b.runWebGLProgram !== 'function') {
    throw new Error('seqlab webgl kernel: the backend is not tfjs-backend-webgl');
  }
  return b as WebglBackendLike;
}
