/** Rules for conv1d and the 1-D pools, all built on `windows` (im2col + one matMul). */
import type { Tensor } from '@tensorflow/tfjs-core';
import { attrsOf, input, optionalParam, param, type Rule } from './context.js';
import { ensureIm2Col, im2colTensor } from '../kernels/im2col.js';
import type { Node, OpName } from '@seqlab/ir';
import { SequenceTooShortError, windowGeometry, windows, type WindowGeometry } from './windows.js';

// Large finite rather than -Infinity: padding never wins a max, and no inf reaches a product.
const NEG_LARGE = -3.0e38;

/** The geometry of `node`'s windows; a sequence shorter than a valid window is refused. */
function geometryOf(
  node: Node,
  length: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: 'same' | 'valid' | 'causal',
): WindowGeometry {
  const geometry = windowGeometry(length, kernel, stride, dilation, padding);
  if (geometry.out <= 0) {
    const needed = dilation * (kernel - 1) + 1;
    const layer = `${node.op} '${node.name}'`;
    throw new SequenceTooShortError(layer, length, needed, node.op === 'conv1d');
  }
  return geometry;
}

const conv1d: Rule = (ctx, node, args) => {
  const { tf } = ctx;
  const x = input(node, args, 0);
  const a = attrsOf(node, 'conv1d');
  const stride = a.stride > 0 ? a.stride : 1;
  const dilation = a.dilation > 0 ? a.dilation : 1;
  const [batch = 0, length = 0, channels = 0] = x.shape;
  const weight = param(ctx, node, 'weight'); // [filters, in, kernel]
  const filters = weight.shape[0] ?? 0;
  const kernel = weight.shape[2] ?? a.kernel;
  const geometry = geometryOf(node, length, kernel, stride, dilation, a.padding);
  // im2col: column index j * in + c  <->  weight[f, c, j], i.e. W^T as [kernel, in, filters].
  // One kernel where we have it (cpu, wasm); pad + slices + concat elsewhere (webgl).
  let cols: Tensor;
  if (ctx.fastKernels && ensureIm2Col(tf, tf.getBackend())) {
    const attrs = {
      kernel,
      stride,
      dilation,
      left: geometry.left,
      out: geometry.out,
      length,
      padValue: 0,
    };
    cols = im2colTensor(tf, x, attrs);
  } else {
    const views = windows(tf, x, kernel, stride, dilation, geometry, 0);
    cols = views.length === 1 && views[0] ? views[0] : tf.concat(views, -1);
  }
  const w2 = tf.reshape(tf.transpose(weight, [2, 1, 0]), [kernel * channels, filters]);
  let y = tf.matMul(tf.reshape(cols, [batch * geometry.out, kernel * channels]), w2);
  const bias = optionalParam(ctx, node, 'bias');
  if (bias !== null) y = tf.add(y, bias);
  return [tf.reshape(y, [batch, geometry.out, filters])];
};

const maxPool: Rule = (ctx, node, args) => {
  const { tf } = ctx;
  const x = input(node, args, 0);
  const a = attrsOf(node, 'max_pool1d');
  const stride = a.stride > 0 ? a.stride : a.kernel;
  const geometry = geometryOf(node, x.shape[1] ?? 0, a.kernel, stride, 1, a.padding);
  const views = windows(tf, x, a.kernel, stride, 1, geometry, NEG_LARGE);
  return [views.reduce((m, v) => tf.maximum(m, v))];
};

/** Average over the real (unpadded) elements of each window, as TF's SAME pooling does. */
const avgPool: Rule = (ctx, node, args) => {
  const { tf } = ctx;
  const x = input(node, args, 0);
  const a = attrsOf(node, 'avg_pool1d');
  const stride = a.stride > 0 ? a.stride : a.kernel;
  const length = x.shape[1] ?? 0;
  const geometry = geometryOf(node, length, a.kernel, stride, 1, a.padding);
  const views = windows(tf, x, a.kernel, stride, 1, geometry, 0);
  const sum = views.reduce((s, v) => tf.add(s, v));
  const counts = new Float32Array(geometry.out);
  for (let o = 0; o < geometry.out; o++) {
    for (let j = 0; j < a.kernel; j++) {
      const t = o * stride + j - geometry.left;
      if (t >= 0 && t < length) counts[o] = (counts[o] ?? 0) + 1;
    }
  }
  const divisor: Tensor = tf.tensor3d(counts, [1, geometry.out, 1]);
  return [tf.div(sum, divisor)];
};

/** Rules for the convolution family. */
export function convRules(): Pick<Record<OpName, Rule>, 'conv1d' | 'max_pool1d' | 'avg_pool1d'> {
  return { conv1d, max_pool1d: maxPool, avg_pool1d: avgPool };
}
