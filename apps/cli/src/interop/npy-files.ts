/** `.npy` files on disk for `seqlab run`: read with the data package's parser, write float32. */
import { readFileSync } from 'node:fs';
import { encodeNpy, parseNpy, type NpyArray } from '@seqlab/data';
import { UsageError } from '../io/files.js';
import { writeFileAtomic } from './write-bytes.js';

/** Reads and parses a `.npy` file; any problem is a usage error naming the file. */
export function readNpyFile(path: string): NpyArray {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code})`}`,
    );
  }
  const parsed = parseNpy(bytes, path);
  if (parsed.array === undefined) {
    throw new UsageError(`${path}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return parsed.array;
}

/** Writes float32 values of `shape` as a `.npy` file. */
export function writeNpyFile(path: string, shape: readonly number[], data: Float32Array): void {
  writeFileAtomic(path, encodeNpy('float32', shape, data));
}
