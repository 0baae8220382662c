/**
 * The files a training run keeps up to date as it goes: the curves of the epochs so far and
 * the checkpoint (weights, optimiser state, where training stands), all written atomically.
 */
import { join } from 'node:path';
import { curvesSvg } from '@seqlab/diagrams';
import { encodeSafetensors, saveWeights, type TrainingSession } from '@seqlab/tfjs';
import { readText } from '../io/files.js';
import { writeAtomic, writeJson, type Checkpoint } from './run-dir.js';

/** One epoch of metrics.jsonl, as far as the curves need it. */
export interface HistoryLine {
  epoch: number;
  train_loss: number;
  valid: Record<string, number>;
}

/** The epochs already in metrics.jsonl (for a resumed run). */
export function readHistory(dir: string, resumed: boolean): HistoryLine[] {
  if (!resumed) return [];
  try {
    return readText(join(dir, 'metrics.jsonl'))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as HistoryLine);
  } catch {
    return [];
  }
}

/** curves.svg: loss (train and valid) and the main metric (valid) per epoch. */
export function curves(model: string, history: readonly HistoryLine[], metric: string): string {
  const panels = [
    {
      title: 'loss',
      series: [
        { name: 'train', points: history.map((h) => [h.epoch, h.train_loss] as const) },
        { name: 'valid', points: history.map((h) => [h.epoch, h.valid['loss'] ?? NaN] as const) },
      ],
    },
  ];
  if (metric !== 'loss') {
    panels.push({
      title: metric,
      series: [
        { name: 'valid', points: history.map((h) => [h.epoch, h.valid[metric] ?? NaN] as const) },
      ],
    });
  }
  return curvesSvg(`${model} training curves`, panels);
}

/** Weights, optimiser state and checkpoint.json, each written atomically. */
export async function saveCheckpoint(
  dir: string,
  session: TrainingSession,
  checkpoint: Checkpoint,
  interrupted = false,
): Promise<void> {
  writeAtomic(dir, 'weights.safetensors', await saveWeights(session.model));
  const state = await session.trainer.saveState();
  writeAtomic(dir, 'optimizer.safetensors', encodeSafetensors(state.slots));
  writeJson(dir, 'checkpoint.json', {
    ...checkpoint,
    // An interrupted epoch is redone on resume: the data order restarts at its beginning.
    ...(interrupted ? { step: state.steps, interrupted: true } : {}),
  });
}
