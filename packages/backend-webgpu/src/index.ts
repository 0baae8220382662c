/**
 * @seqlab/backend-webgpu: WebGPU for the browser. Importing it registers tfjs's webgpu
 * backend with the shared tfjs-core; nothing starts until a setup calls `setBackend`.
 */
import '@tensorflow/tfjs-backend-webgpu';

/** The name tfjs registers the backend under (`tf.getBackend()`). */
export const WEBGPU_BACKEND = 'webgpu';
