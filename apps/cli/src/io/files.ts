/** Reading and writing user files with errors a person can act on (never a stack trace). */
import { readFileSync, renameSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A problem with the command line or the file system, shown as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Read a UTF-8 text file or throw a {@link UsageError} naming it. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${path}: is a directory, not a .seq file`);
    throw new UsageError(`${path}: cannot read (${code ?? String(e)})`);
  }
}

/** Largest `.seq` file read: a model is kilobytes; a gigabyte is a wrong path. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** Read a `.seq` file: {@link readText}, refusing files over {@link MAX_SOURCE_BYTES}. */
export function readSource(path: string): string {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // readText names the problem
  }
  if (size > MAX_SOURCE_BYTES) {
    throw new UsageError(
      `${path}: ${(size / 1024 / 1024).toFixed(0)} MB is too large for a .seq file (the limit is ${MAX_SOURCE_BYTES / 1024 / 1024} MB)`,
    );
  }
  return readText(path);
}

/** Write `text` atomically: a temporary file beside the target, then a rename. */
export function writeTextAtomic(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    throw new UsageError(
      `${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
}
