/**
 * A run directory: everything needed to trust, resume and use a trained model.
 *
 * ```
 * runs/NameGender-20261125-101500/
 *   model.seq            the source, as trained
 *   model.ir.json        the compiled IR
 *   config.json          resolved hyperparameters, training spec, data, backend, seed
 *   vocab.json           vocabularies of every data field
 *   weights.safetensors  the weights (PyTorch state_dict names and layouts)
 *   checkpoint.json      epoch, step, best validation score (for --resume)
 *   metrics.jsonl        one line per epoch
 *   curves.svg           loss and metric per epoch
 *   summary.json         final metrics on train/valid/test, epochs, time, backend, params
 * ```
 *
 * Every file is written atomically (temporary file, then rename), so an interrupted run
 * never leaves a half-written file behind.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../io/files.js';

/** Write bytes or text to `dir/name` atomically. */
export function writeAtomic(dir: string, name: string, content: string | Uint8Array): void {
  const target = join(dir, name);
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, target);
}

/** Write pretty JSON atomically. */
export function writeJson(dir: string, name: string, value: unknown): void {
  writeAtomic(dir, name, JSON.stringify(value, null, 2) + '\n');
}

/** Append one JSON line (metrics.jsonl grows an epoch at a time). */
export function appendJsonLine(dir: string, name: string, value: unknown): void {
  appendFileSync(join(dir, name), JSON.stringify(value) + '\n');
}

/** Read a JSON file of a run, with a clear error when the run is incomplete. */
export function readJson<T>(dir: string, name: string): T {
  const path = join(dir, name);
  if (!existsSync(path)) throw new UsageError(`${dir}: not a complete seqlab run (no ${name})`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new UsageError(`${path}: unreadable (${(e as Error).message})`);
  }
}

/** Read a binary file of a run. */
export function readBytes(dir: string, name: string): Uint8Array {
  const path = join(dir, name);
  if (!existsSync(path)) throw new UsageError(`${dir}: not a complete seqlab run (no ${name})`);
  return new Uint8Array(readFileSync(path));
}

/** `runs/<Model>-<yyyymmdd-hhmmss>` (made unique), created. */
export function newRunDir(model: string, out: string | undefined): string {
  if (out !== undefined) {
    mkdirSync(out, { recursive: true });
    return out;
  }
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
  let dir = join('runs', `${model}-${stamp}`);
  for (let k = 2; existsSync(dir); k++) dir = join('runs', `${model}-${stamp}-${k}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export type { RunConfig, Checkpoint } from '@seqlab/tfjs';
