/**
 * The model an interop command works on: a `.seq` file (compiled with `--set`) or a run
 * directory (its compiled `model.ir.json`, hyperparameters as trained).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SetValue } from '@seqlab/compiler';
import { moduleFromJson, type IrModule } from '@seqlab/ir';
import { readText, UsageError } from '../io/files.js';
import { compileFile } from '../commands/compile-file.js';

/** A compiled model and where it came from. */
export interface ModelSource {
  readonly module: IrModule;
  /** The run directory, when the model came from one. */
  readonly runDir?: string;
  /** What to call it in messages and headers. */
  readonly label: string;
}

/** Whether `path` is a directory (a run). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The compiled IR of a run directory. */
export function runModule(dir: string): IrModule {
  const path = join(dir, 'model.ir.json');
  if (!existsSync(path)) throw new UsageError(`${dir}: not a seqlab run (no model.ir.json)`);
  const ir = moduleFromJson(readText(path));
  if (!ir.ok) throw new UsageError(`${path}: ${ir.error}`);
  return ir.module;
}

/**
 * Load `path` (a `.seq` file or a run directory). `set` applies to files only: a run's
 * hyperparameters are fixed by its weights.
 */
export function loadModelSource(
  path: string,
  opts: { model?: string; set: Record<string, SetValue> },
): ModelSource {
  if (isDirectory(path)) {
    if (Object.keys(opts.set).length > 0) {
      throw new UsageError(
        `--set does not apply to a run (${path}); its hyperparameters are fixed`,
      );
    }
    return { module: runModule(path), runDir: path, label: path };
  }
  const { module } = compileFile(path, {
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    set: opts.set,
  });
  return { module, label: path };
}
