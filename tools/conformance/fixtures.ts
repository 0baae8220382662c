/**
 * Reading the conformance fixtures that generate.py writes with PyTorch: the manifest, each
 * case's model, weights and runs (inputs, lengths, expected outputs and gradients).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSafetensors, type NamedTensor } from '@seqlab/tfjs';

/** Where the fixtures live. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

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

/** Reads `fixtures/manifest.json`. */
export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as Manifest;
}

/** A case's `.seq` source and its path. */
export function caseSource(c: CaseEntry): { path: string; text: string } {
  const path = join(FIXTURES, c.name, 'model.seq');
  return { path, text: readFileSync(path, 'utf8') };
}

/** The raw bytes of a case's weights file. */
export function caseWeights(c: CaseEntry): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, c.name, 'weights.safetensors')));
}

/** Every tensor of a run file, by name (`input/x`, `lengths/T`, `output/y`, `grad/...`). */
export function runTensors(c: CaseEntry, run: RunEntry): Map<string, NamedTensor> {
  const decoded = decodeSafetensors(new Uint8Array(readFileSync(join(FIXTURES, c.name, run.file))));
  if (!decoded.ok) throw new Error(`${c.name}/${run.file}: ${decoded.error}`);
  return decoded.tensors;
}

/** The fixed loss weights: w_i = f32(((37 i) mod 11 + 1) / 6) over a flat index i. */
export function lossWeights(n: number): Float32Array {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = (((i * 37) % 11) + 1) / 6;
  return w;
}
