/**
 * The shape of the conformance fixtures that generate.py writes (the manifest's entries) and
 * the fixed loss their gradients are taken of. No file access here, so a browser page can
 * import it too (fixtures.ts reads the files in Node; browser/page fetches them).
 */
import { decodeSafetensors, type NamedTensor } from '@seqlab/tfjs';

/** One run of a case as the manifest lists it. */
export interface RunEntry {
  readonly file: string;
  readonly batch: number;
  readonly steps: Readonly<Record<string, number>>;
  readonly lengths: Readonly<Record<string, readonly number[]>> | null;
}

/** One case as the manifest lists it. */
export interface CaseEntry {
  readonly name: string;
  readonly doc: string;
  readonly inputs: readonly { name: string; dtype: 'float32' | 'int64'; time: string }[];
  readonly outputs: readonly string[];
  readonly params: readonly string[];
  readonly runs: readonly RunEntry[];
  readonly torch_float32: { max_abs_output_error: number; max_rel_grad_error: number };
}

/** The manifest. */
export interface Manifest {
  readonly torch: string;
  readonly loss: string;
  readonly cases: readonly CaseEntry[];
}

/** A run as the suites name it: `B=3 T=6, padded`. */
export function runLabel(run: RunEntry): string {
  const dims = Object.entries(run.steps)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `B=${run.batch} ${dims}, ${run.lengths === null ? 'full length' : 'padded'}`;
}

/** The fixed loss weights: w_i = f32(((37 i) mod 11 + 1) / 6) over a flat index i. */
export function lossWeights(n: number): Float32Array {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = (((i * 37) % 11) + 1) / 6;
  return w;
}

/** Every tensor of a run file's bytes, by name; `label` names the file in the error. */
export function decodeRunFile(label: string, bytes: Uint8Array): Map<string, NamedTensor> {
  const decoded = decodeSafetensors(bytes);
  if (!decoded.ok) throw new Error(`${label}: ${decoded.error}`);
  return decoded.tensors;
}
