/** Opening a run directory to continue it (`seqlab train --resume DIR`). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES, type Checkpoint, type RunConfig } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import {
  latestCheckpoint,
  legacyCheckpoint,
  restoreCheckpoint,
  restoreLegacy,
} from './checkpoints.js';
import type { EngineSession } from './engine-session.js';
import { readJson } from './run-dir.js';
import type { HistoryLine } from './run-progress-files.js';

/** Where training continues from: the checkpoint and the finished epochs' metrics. */
export interface StartState {
  readonly checkpoint: Checkpoint;
  readonly history: readonly HistoryLine[];
}

/** A run to continue: what it recorded, and how to load its latest state. */
export interface ResumeSource {
  readonly dir: string;
  readonly config: RunConfig;
  /** Load weights, optimiser state and data position into `session`. */
  restore(session: EngineSession): Promise<StartState>;
}

/** Why a directory cannot be resumed, with what to do instead. */
function notResumable(dir: string): UsageError {
  const hasConfig = existsSync(join(dir, RUN_FILES.config));
  if (!hasConfig && !existsSync(join(dir, RUN_FILES.source))) {
    return new UsageError(`--resume ${dir}: not a seqlab run (no ${RUN_FILES.config})`);
  }
  const source = hasConfig ? readJson<RunConfig>(dir, RUN_FILES.config).source_file : 'FILE';
  return new UsageError(
    `--resume ${dir}: no checkpoint yet (the run stopped before its first one): ` +
      `start again with seqlab train ${source} --out ${dir} --force`,
  );
}

/** Check that `dir` holds a run with a checkpoint; say what to do when it does not. */
export function openResume(dir: string): ResumeSource {
  if (!existsSync(dir)) throw new UsageError(`--resume ${dir}: no such directory`);
  const folder = latestCheckpoint(dir);
  const legacy = folder === undefined ? legacyCheckpoint(dir) : undefined;
  if (folder === undefined && legacy === undefined) throw notResumable(dir);
  const config = readJson<RunConfig>(dir, RUN_FILES.config);
  return {
    dir,
    config,
    restore: (session) =>
      folder !== undefined
        ? restoreCheckpoint(folder, session)
        : restoreLegacy(dir, session, legacy as NonNullable<typeof legacy>),
  };
}
