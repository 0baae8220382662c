/** The lines `seqlab train` prints as epochs end, stop or fail. */
import type { Checkpoint, EpochOutcome, Scores } from '@seqlab/tfjs';
import type { Prepared } from './prepare.js';
import { formatSeconds } from './progress.js';

/**
 * Metric names as a person reads them: `loss` is named by its kind (`mse`,
 * `cross_entropy`), and a metric equal to the loss by definition (`mse` under MSE) is left
 * out rather than shown twice.
 */
export function metricColumns(names: readonly string[], loss: string): string[] {
  return names.filter((n) => n !== loss || !names.includes('loss'));
}

/** The label of a metric column (`loss` -> the loss's name). */
export function metricLabel(name: string, loss: string): string {
  return name === 'loss' ? loss : name;
}

/** `cross_entropy 0.1234, accuracy 0.8765` (`loss` under its name). */
export function fmtMetrics(m: Record<string, number>, loss = 'loss'): string {
  return metricColumns(Object.keys(m), loss)
    .map((k) => `${metricLabel(k, loss)} ${(m[k] ?? NaN).toFixed(4)}`)
    .join(', ');
}

/** The summary line of a finished epoch (`valid` undefined: the valid split is empty). */
export function epochLine(
  o: Exclude<EpochOutcome, { kind: 'non-finite' }>,
  epochs: number,
  valid: Record<string, number> | undefined,
  steps: number,
  loss = 'loss',
): string {
  const rate = Math.round(o.samples / o.seconds).toLocaleString('en-US');
  const v = valid === undefined ? 'no valid split' : `valid ${fmtMetrics(valid, loss)}`;
  return (
    `epoch ${o.epoch}/${epochs}: train ${loss} ${o.trainLoss.toFixed(4)} | ${v} | ` +
    `${rate} samples/s | ${formatSeconds(o.seconds)}` +
    (o.clippedSteps ? ` | clipped ${o.clippedSteps}/${steps} steps` : '')
  );
}

const ADVICE = 'Try clip_norm = 1.0 in the train block or a lower learning rate.';

/** Training hit a NaN or infinite loss. */
export function nonFiniteLoss(
  o: Extract<EpochOutcome, { kind: 'non-finite' }>,
  lastCheckpoint: number,
  dir: string,
): string {
  return (
    `error: the loss became ${o.loss} at step ${o.step} (epoch ${o.epoch}); training stopped. ` +
    `${ADVICE} The last checkpoint (step ${lastCheckpoint}) is in ${dir}.`
  );
}

/** The model's outputs were not finite on `split`: no metric can be trusted. */
export function nonFiniteOutputs(
  when: string,
  split: string,
  s: Extract<Scores, { ok: false }>,
): string {
  const n = (v: number): string => v.toLocaleString('en-US');
  return (
    `error: ${when} the model's outputs are not finite (${n(s.nonFinite)} of ${n(s.values)} ` +
    `values on the ${split} split are NaN or infinite), so no metric is reported. ${ADVICE}`
  );
}

/** Where a stopped run stands and how to continue it. */
export function stopMessage(p: Prepared, c: Checkpoint, interrupted: boolean): string {
  const steps = p.session.stepsPerEpoch;
  const where =
    c.batch > 0
      ? `in epoch ${c.epoch + 1} after ${c.batch}/${steps} steps`
      : `after epoch ${c.epoch}`;
  const why = interrupted ? 'interrupted' : `stopped at step ${c.step} (--stop-at-step)`;
  return (
    `${why} ${where}; saved the checkpoint of step ${c.step} in ${p.dir}\n` +
    `continue with: ${p.resumeHint}`
  );
}
