/**
 * Checkpoints of a training run. Each is a folder `checkpoints/step-NNNNNNNNNN/` holding
 * the weights, the optimiser state, metrics.jsonl and checkpoint.json (where training
 * stands) of one step. The folder is written under a temporary name and renamed into place
 * once complete: the rename is the commit, so `kill -9` at any moment leaves either the
 * previous checkpoint or the new one, never a mix. The newest folder is the run's state;
 * older ones are removed after the commit.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { NO_EPOCH_STATS, RUN_FILES, type Checkpoint } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import type { EngineSession } from './engine-session.js';
import { readBytes, readJson, writeAtomic } from './run-dir.js';
import { historyText, parseHistory, type HistoryLine } from './run-progress-files.js';

const STEP_DIR = /^step-(\d+)$/;

/** Write a file and flush it to disk before the folder holding it is committed. */
function writeDurable(dir: string, name: string, content: string | Uint8Array): void {
  const path = join(dir, name);
  writeFileSync(path, content);
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  } finally {
    closeSync(fd);
  }
}

/** The newest committed checkpoint folder of `dir`, if any. */
export function latestCheckpoint(dir: string): string | undefined {
  const root = join(dir, RUN_FILES.checkpoints);
  if (!existsSync(root)) return undefined;
  const steps = readdirSync(root)
    .map((name) => ({ name, m: STEP_DIR.exec(name) }))
    .filter((e) => e.m !== null && existsSync(join(root, e.name, RUN_FILES.checkpoint)))
    .sort((a, b) => Number(b.m?.[1]) - Number(a.m?.[1]));
  return steps[0] ? join(root, steps[0].name) : undefined;
}

/**
 * Save the session's state as one checkpoint, then refresh the run's top-level
 * weights.safetensors and metrics.jsonl (what eval, predict and a reader look at).
 */
export async function saveCheckpoint(
  dir: string,
  session: EngineSession,
  checkpoint: Checkpoint,
  history: readonly HistoryLine[],
): Promise<void> {
  const root = join(dir, RUN_FILES.checkpoints);
  mkdirSync(root, { recursive: true });
  const name = `step-${String(checkpoint.step).padStart(10, '0')}`;
  const state = await session.saveState();
  const weights = state.weights;
  const metrics = historyText(history);
  // The same step saved twice (a resume stopped before its first step) is the same state.
  if (!existsSync(join(root, name))) {
    if (state.steps !== checkpoint.step) {
      throw new Error(`checkpoint of step ${checkpoint.step} but the trainer is at ${state.steps}`);
    }
    const tmp = join(root, `.tmp-${process.pid}-${name}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    writeDurable(tmp, RUN_FILES.weights, weights);
    writeDurable(tmp, RUN_FILES.optimizer, state.optimizer);
    writeDurable(tmp, RUN_FILES.metrics, metrics);
    writeDurable(tmp, RUN_FILES.checkpoint, JSON.stringify(checkpoint, null, 2) + '\n');
    syncDir(tmp);
    renameSync(tmp, join(root, name));
    syncDir(root);
  }
  writeAtomic(dir, RUN_FILES.weights, weights);
  writeAtomic(dir, RUN_FILES.metrics, metrics);
  // Older checkpoints, and temporary folders a killed process left behind.
  for (const entry of readdirSync(root)) {
    if (entry !== name) rmSync(join(root, entry), { recursive: true, force: true });
  }
}

/** Load a checkpoint folder into `session`: weights, optimiser state, data position. */
export async function restoreCheckpoint(
  folder: string,
  session: EngineSession,
): Promise<{ checkpoint: Checkpoint; history: HistoryLine[] }> {
  const checkpoint = readJson<Checkpoint>(folder, RUN_FILES.checkpoint);
  if (checkpoint.format !== 2) throw new UsageError(`${folder}: unknown checkpoint format`);
  const problems = await session.restore(
    {
      weights: readBytes(folder, RUN_FILES.weights),
      optimizer: readBytes(folder, RUN_FILES.optimizer),
      steps: checkpoint.step,
    },
    { epoch: checkpoint.epoch, batch: checkpoint.batch, stats: checkpoint.epochStats },
  );
  if (problems.length) throw new UsageError(`${folder}: ${problems.join('; ')}`);
  const history = parseHistory(readFileSync(join(folder, RUN_FILES.metrics), 'utf8'));
  return { checkpoint, history };
}

/** What an older run (checkpoint.json at the top, epoch boundaries only) recorded. */
interface LegacyCheckpoint {
  readonly epoch: number;
  readonly step: number;
  readonly best: Checkpoint['best'];
  readonly epochsWithoutImprovement: number;
  readonly interrupted?: boolean;
}

/**
 * A run written before checkpoint folders existed: it resumes at its last epoch boundary
 * (an epoch it was interrupted in starts over, as it did then).
 */
export function legacyCheckpoint(dir: string): LegacyCheckpoint | undefined {
  if (!existsSync(join(dir, RUN_FILES.checkpoint))) return undefined;
  return readJson<LegacyCheckpoint>(dir, RUN_FILES.checkpoint);
}

/** Load an older run's top-level weights and optimiser state into `session`. */
export async function restoreLegacy(
  dir: string,
  session: EngineSession,
  old: LegacyCheckpoint,
): Promise<{ checkpoint: Checkpoint; history: HistoryLine[] }> {
  const problems = await session.restore(
    {
      weights: readBytes(dir, RUN_FILES.weights),
      optimizer: readBytes(dir, RUN_FILES.optimizer),
      steps: old.step,
    },
    { epoch: old.epoch, batch: 0, stats: NO_EPOCH_STATS },
  );
  if (problems.length) throw new UsageError(`${dir}: ${problems.join('; ')}`);
  const path = join(dir, RUN_FILES.metrics);
  const history = existsSync(path) ? parseHistory(readFileSync(path, 'utf8')) : [];
  const checkpoint: Checkpoint = {
    format: 2,
    epoch: old.epoch,
    batch: 0,
    step: old.step,
    epochStats: NO_EPOCH_STATS,
    best: old.best,
    epochsWithoutImprovement: old.epochsWithoutImprovement,
    seconds: 0,
  };
  return { checkpoint, history: history.filter((h) => h.epoch <= old.epoch) };
}
