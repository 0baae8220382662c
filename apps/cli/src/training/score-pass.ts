/**
 * Scoring a split after training (`seqlab train`'s final table, `seqlab eval`) with a
 * progress bar on a terminal: the same batches, the same order and the same numbers as
 * TrainingSession.score, one batch at a time so the bar can move.
 */
import type { SplitName } from '@seqlab/data';
import {
  disposeBatch,
  toTrainBatch,
  type DataBinding,
  type MetricName,
  type Scores,
  type TrainBatch,
  type TrainingSession,
} from '@seqlab/tfjs';
import { passProgress, type PassProgress } from './progress.js';

/** Loss and `metrics` on `split` (its first batches holding `maxExamples`, if given). */
export function scoreWithProgress(
  session: TrainingSession,
  binding: DataBinding,
  split: SplitName,
  metrics: readonly MetricName[],
  maxExamples = Infinity,
): Scores {
  const all = session.batches(split);
  // The batches TrainingSession.score takes: whole batches until maxExamples are in.
  let count = 0;
  for (let seen = 0; count < all.length && seen < maxExamples; count++) {
    seen += all[count]?.size ?? 0;
  }
  const progress = passProgress(split, count);
  try {
    const wanted = [...new Set<MetricName>(['loss', ...metrics])];
    return session.trainer.score(feed(session, binding, all.slice(0, count), progress), wanted);
  } finally {
    progress.stop();
  }
}

/** The batches as tensors, each freed once scored, ticking the bar. */
function* feed(
  session: TrainingSession,
  binding: DataBinding,
  batches: ReturnType<TrainingSession['batches']>,
  progress: PassProgress,
): Generator<TrainBatch> {
  const tf = session.model.tf;
  for (const [i, b] of batches.entries()) {
    const tb = toTrainBatch(tf, b, binding);
    try {
      yield tb;
    } finally {
      disposeBatch(tf, tb);
    }
    progress.tick(i + 1);
  }
}
