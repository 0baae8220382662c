/** Writing an output file the interop commands produce, atomically (temporary file, rename). */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../io/files.js';

/** Writes `content` to `path` via a temporary file beside it; failures are usage errors. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    throw new UsageError(
      `${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
}
