/**
 * A run directory: everything needed to trust, resume and use a trained model.
 *
 * ```
 * runs/NameGender-20261125-101500/
 *   model.seq            the source, as trained
 *   model.ir.json        the compiled IR
 *   config.json          resolved hyperparameters, training spec, data, backend, seed
 *   vocab.json           vocabularies of every data field
 *   weights.safetensors  the weights (PyTorch state_dict names and layouts) of the latest checkpoint
 *   metrics.jsonl        one line per finished epoch
 *   curves.svg           loss and metric per epoch
 *   summary.json         final metrics on train/valid/test, epochs, time, backend, params
 *   checkpoints/step-N/  weights, optimiser state, metrics.jsonl and checkpoint.json of
 *                        step N, written together (see checkpoints.ts); --resume reads it
 * ```
 *
 * Every file is written atomically (temporary file, then rename), so an interrupted run
 * never leaves a half-written file behind.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
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

/** Append one JSON line (grads.jsonl grows as training goes). */
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

const LOCK = '.train.lock';

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of another live process training `dir`, if any. */
function trainer(dir: string): number | undefined {
  const path = join(dir, LOCK);
  if (!existsSync(path)) return undefined;
  const pid = Number(readFileSync(path, 'utf8'));
  return pid !== process.pid && alive(pid) ? pid : undefined;
}

/**
 * One trainer per run: two processes writing the same checkpoints would undo each other.
 * A lock left by a killed process (its pid no longer runs) is taken over. Returns the
 * function that releases it.
 */
export function lockRun(dir: string): () => void {
  const path = join(dir, LOCK);
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = trainer(dir);
      if (pid !== undefined) {
        throw new UsageError(`${dir}: another seqlab train (pid ${pid}) is training this run`);
      }
      rmSync(path, { force: true });
    }
  }
}

/** Files that mark a directory as a seqlab run (one is written first thing). */
const RUN_MARKS = ['config.json', 'model.seq', 'checkpoints', 'weights.safetensors'];

/**
 * Whether `--out DIR` may be used: a missing or empty directory may; an existing run only
 * with `force` (it may hold hours of training), which replaces it; anything else is refused.
 * Returns true when a run is there to replace.
 */
export function checkOut(out: string, force: boolean): boolean {
  if (!existsSync(out)) return false;
  if (!statSync(out).isDirectory()) throw new UsageError(`--out ${out}: exists and is a file`);
  const entries = readdirSync(out);
  if (entries.length === 0) return false;
  if (!RUN_MARKS.some((m) => entries.includes(m))) {
    throw new UsageError(
      `--out ${out}: the directory is not empty and holds no seqlab run; choose another --out`,
    );
  }
  if (!force) {
    throw new UsageError(
      `--out ${out}: a run is already there; continue it with seqlab train --resume ${out}, ` +
        `or add --force to replace it`,
    );
  }
  const pid = trainer(out);
  if (pid !== undefined) {
    throw new UsageError(`--out ${out}: another seqlab train (pid ${pid}) is training this run`);
  }
  return true;
}

/**
 * `--out` (see {@link checkOut}), or `runs/<Model>-<yyyymmdd-hhmmss>` claimed with an exclusive
 * mkdir, so two runs started in the same second get different directories.
 */
export function newRunDir(
  model: string,
  out: string | undefined,
  force = false,
  parent = 'runs',
): string {
  if (out !== undefined) {
    if (checkOut(out, force)) rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    return out;
  }
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
  mkdirSync(parent, { recursive: true });
  for (let k = 1; ; k++) {
    const dir = join(parent, k === 1 ? `${model}-${stamp}` : `${model}-${stamp}-${k}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

export type { RunConfig, Checkpoint } from '@seqlab/tfjs';
