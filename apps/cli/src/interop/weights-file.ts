/** Reading a `--weights` argument: a `.safetensors` file or a run directory holding one. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSafetensors, type NamedTensor } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { isDirectory } from './model-source.js';

/** The path of the weights file a `--weights` argument names. */
export function weightsPath(arg: string): string {
  return isDirectory(arg) ? join(arg, 'weights.safetensors') : arg;
}

/** The bytes of a weights file, with a usage error a person can act on. */
export function readWeightsBytes(arg: string): { path: string; bytes: Uint8Array } {
  const path = weightsPath(arg);
  if (!existsSync(path)) {
    throw new UsageError(
      isDirectory(arg)
        ? `${arg}: not a seqlab run (no weights.safetensors)`
        : `${arg}: no such file`,
    );
  }
  return { path, bytes: new Uint8Array(readFileSync(path)) };
}

/** The tensors of a weights file (decoded), in file order. */
export function readWeightTensors(arg: string): { path: string; tensors: NamedTensor[] } {
  const { path, bytes } = readWeightsBytes(arg);
  const decoded = decodeSafetensors(bytes);
  if (!decoded.ok) throw new UsageError(`${path}: ${decoded.error}`);
  return { path, tensors: [...decoded.tensors.values()] };
}
