/** How a validation metric reads in the panel. */

const LABELS: Readonly<Record<string, string>> = {
  loss: 'validation loss',
  accuracy: 'validation accuracy',
  token_accuracy: 'validation token accuracy',
  perplexity: 'validation perplexity',
  word_accuracy: 'validation word accuracy',
  phoneme_error_rate: 'validation phoneme error rate',
  character_error_rate: 'validation character error rate',
};

/** A metric's display name. */
export function metricLabel(metric: string): string {
  return LABELS[metric] ?? metric.replace(/_/g, ' ');
}

/** A metric value as shown: rates and accuracies as percentages, the rest as numbers. */
export function formatMetric(metric: string, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (/accuracy|rate/.test(metric)) return `${(value * 100).toFixed(1)}%`;
  return value.toFixed(value >= 100 ? 1 : 4);
}

/** The metric line's parts: label, value, and when it was measured. */
export function metricText(
  metric: string,
  values: Readonly<Record<string, number>>,
  step: number,
): string[] {
  const main = `${metricLabel(metric)} ${formatMetric(metric, values[metric])}`;
  const loss = metric === 'loss' ? '' : ` · loss ${formatMetric('loss', values['loss'])}`;
  return [`${main}${loss} · at step ${step}`];
}

/**
 * The epoch a progress line names: the one being trained while running, and the one reached
 * when paused or stopped part-way through (its batches so far), else the epochs completed.
 */
export function epochShown(p: {
  readonly phase: string;
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batches: number;
}): number {
  const partWay = p.batch > 0 && p.batch < p.batches;
  return Math.min(p.epoch + (p.phase === 'running' || partWay ? 1 : 0), p.epochs);
}
