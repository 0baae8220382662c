/**
 * @seqlab/backend-webgpu: WebGPU for the browser. Importing it registers tfjs's webgpu
 * backend with the shared tfjs-core (where `navigator.gpu` exists: tfjs checks at import);
 * nothing starts until a setup calls `setBackend`. seqlab has no webgpu kernels of its own
 * yet: the lowering runs on tfjs's stock ones (bptt/cell-ops.ts and the Adam update fall
 * back to tfjs ops where no seqlab kernel is registered).
 */
import '@tensorflow/tfjs-backend-webgpu';

export { readBackProblem, type ReadBackTf } from './read-back.js';

/** The name tfjs registers the backend under (`tf.getBackend()`). */
export const WEBGPU_BACKEND = 'webgpu';
