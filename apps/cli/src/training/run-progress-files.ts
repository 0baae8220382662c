/**
 * The files a training run keeps up to date as it goes: metrics.jsonl (one line per finished
 * epoch) and the curves of the epochs so far.
 */
import { curvesSvg } from '@seqlab/diagrams';

/** One line of metrics.jsonl: a finished epoch. */
export interface HistoryLine {
  readonly epoch: number;
  /** Optimisation steps taken when the epoch ended. */
  readonly step: number;
  readonly train_loss: number;
  readonly valid: Record<string, number>;
  readonly seconds: number;
  readonly samples_per_second: number;
  readonly clipped_steps: number;
  readonly max_grad_norm: number;
}

/** metrics.jsonl's text. */
export function historyText(history: readonly HistoryLine[]): string {
  return history.map((h) => JSON.stringify(h) + '\n').join('');
}

/** The lines of a metrics.jsonl (a torn last line, from an older seqlab, is dropped). */
export function parseHistory(text: string): HistoryLine[] {
  const out: HistoryLine[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as HistoryLine);
    } catch {
      break;
    }
  }
  return out;
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
