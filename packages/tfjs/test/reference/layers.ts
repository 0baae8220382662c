/** Float64 reference layers written from PyTorch's definitions. */

type Seq = readonly (readonly (readonly number[])[])[]; // [B][T][D]

/** nn.Linear on the last axis: y = x W^T + b, W flat [units, in]. */
export function denseRef(
  x: readonly number[],
  w: readonly number[],
  b: readonly number[] | null,
  units: number,
) {
  const inDim = x.length;
  return Array.from({ length: units }, (_, u) => {
    let s = b?.[u] ?? 0;
    for (let i = 0; i < inDim; i++) s += (w[u * inDim + i] ?? 0) * (x[i] ?? 0);
    return s;
  });
}

/**
 * nn.Conv1d on NWC data: weight flat [F, C, K]. Padding: valid; causal (left k-1 span);
 * same = PyTorch padding='same' for stride 1 (left = total // 2), TF SAME for stride > 1.
 */
export function conv1dRef(
  x: Seq,
  w: readonly number[],
  b: readonly number[] | null,
  filters: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: 'same' | 'valid' | 'causal',
): number[][][] {
  const T = x[0]?.length ?? 0;
  const C = x[0]?.[0]?.length ?? 0;
  const span = dilation * (kernel - 1) + 1;
  let out: number;
  let left: number;
  if (padding === 'valid') {
    out = Math.floor((T - span) / stride) + 1;
    left = 0;
  } else if (padding === 'causal') {
    left = span - 1;
    out = Math.floor((T + left - span) / stride) + 1;
  } else if (stride === 1) {
    left = Math.floor((span - 1) / 2);
    out = T;
  } else {
    out = Math.ceil(T / stride);
    left = Math.floor(Math.max((out - 1) * stride + span - T, 0) / 2);
  }
  return x.map((seq) =>
    Array.from({ length: out }, (_, o) =>
      Array.from({ length: filters }, (_, f) => {
        let s = b?.[f] ?? 0;
        for (let j = 0; j < kernel; j++) {
          const t = o * stride + j * dilation - left;
          if (t < 0 || t >= T) continue;
          for (let c = 0; c < C; c++) s += (w[(f * C + c) * kernel + j] ?? 0) * (seq[t]?.[c] ?? 0);
        }
        return s;
      }),
    ),
  );
}

/** nn.LayerNorm over the last axis (biased variance). */
export function layerNormRef(
  x: readonly number[],
  w: readonly number[],
  b: readonly number[],
  eps: number,
) {
  const n = x.length;
  const mean = x.reduce((a, v) => a + v, 0) / n;
  const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
  return x.map((v, i) => ((v - mean) / Math.sqrt(variance + eps)) * (w[i] ?? 1) + (b[i] ?? 0));
}

/** Mean / max / sum over the first `length` steps. */
export function reduceTimeRef(
  seq: readonly (readonly number[])[],
  length: number,
  mode: 'mean' | 'max' | 'sum',
) {
  const D = seq[0]?.length ?? 0;
  return Array.from({ length: D }, (_, d) => {
    const vals = seq.slice(0, length).map((row) => row[d] ?? 0);
    if (mode === 'max') return Math.max(...vals);
    const sum = vals.reduce((a, v) => a + v, 0);
    return mode === 'sum' ? sum : sum / Math.max(length, 1);
  });
}
