/**
 * Reading the conformance fixtures that generate.py writes with PyTorch: the manifest, each
 * case's model, weights and runs (inputs, lengths, expected outputs and gradients).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NamedTensor } from '@seqlab/tfjs';
import { decodeRunFile, type CaseEntry, type Manifest, type RunEntry } from './fixture-format.js';

export {
  lossWeights,
  runLabel,
  type CaseEntry,
  type Manifest,
  type RunEntry,
} from './fixture-format.js';

/** Where the fixtures live. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

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
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, c.name, run.file)));
  return decodeRunFile(`${c.name}/${run.file}`, bytes);
}
