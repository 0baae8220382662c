/**
 * What the Train panel shows of a run's progress: the stats line (phase, epoch, batch, step,
 * loss, samples/s), the training-loss chart and the validation chart with its headline
 * metric. The loss chart also carries the recent losses as a data attribute for automation.
 */
import { h, replaceChildren } from '../ui/dom.js';
import { LineChart, smooth } from '../views/line-chart.js';
import { epochShown, metricText } from './metric-text.js';
import type { TrainProgress } from './training-controller.js';

/** Most loss points kept in the page's data attribute (the chart keeps them all). */
const HISTORY_ATTR_MAX = 2000;

/** Both charts' height: side by side they line up, and with the heatmap fit 900 px. */
const CHART_HEIGHT = 150;

/** The elements and their refresh. */
export interface ProgressView {
  /** The stats line. */
  readonly stats: HTMLElement;
  /** The training-loss card. */
  readonly lossCard: HTMLElement;
  /** The validation card. */
  readonly validCard: HTMLElement;
  /** Draw `p`; `metric` is the run's headline metric, `notes` extra remarks for the stats. */
  render(p: TrainProgress, metric: string, notes: readonly string[]): void;
}

/** Create the view. */
export function progressView(): ProgressView {
  const stats = h('div', { class: 'stats' });
  const lossBox = h('div', { class: 'chart', 'data-testid': 'loss-chart' });
  const metricBox = h('div', { class: 'metric', 'data-testid': 'metric' }, '—');
  const { lossEmpty, validEmpty } = emptyNotes();
  const validBox = h('div', { class: 'chart small', 'data-testid': 'validation-chart' });
  const { lossChart, validChart } = charts(lossBox, validBox);

  return {
    stats,
    lossCard: h(
      'section',
      { class: 'card' },
      h('h3', {}, 'Training loss'),
      chartArea(lossEmpty, lossBox),
    ),
    // The headline metric beside the title, so both chart cards are the same height.
    validCard: h(
      'section',
      { class: 'card' },
      h('div', { class: 'card-head' }, h('h3', {}, 'Validation'), metricBox),
      chartArea(validEmpty, validBox),
    ),
    render(p, metric, notes) {
      const last = p.losses[p.losses.length - 1];
      lossEmpty.hidden = p.losses.length > 0;
      validEmpty.hidden = p.evals.length > 0;
      replaceChildren(
        stats,
        h('span', { class: `phase ${p.phase}` }, p.phase),
        h('span', {}, `epoch ${epochShown(p)} / ${p.epochs}`),
        h('span', {}, `batch ${p.batch} / ${p.batches}`),
        h('span', {}, `step ${p.step}`),
        h('span', {}, `loss ${last ? last.loss.toFixed(4) : '—'}`),
        h(
          'span',
          { 'data-testid': 'samples-per-second' },
          `${p.samplesPerSecond ? Math.round(p.samplesPerSecond).toLocaleString('en-US') : '—'} samples/s`,
        ),
        p.message ? h('span', { class: 'error' }, p.message) : null,
        ...notes.map((n) => h('span', { class: 'note' }, n)),
      );
      const losses = p.losses.map((l) => l.loss);
      // Both charts span the steps trained so far, so their points line up.
      const steps = p.losses.map((l) => l.step);
      const range = steps.length
        ? ([steps[0] ?? 1, steps[steps.length - 1] ?? 1] as const)
        : undefined;
      lossChart.setData(steps, [losses, smooth(losses)], range);
      lossBox.dataset['lossHistory'] = JSON.stringify(
        losses.slice(-HISTORY_ATTR_MAX).map((l) => Number(l.toPrecision(5))),
      );
      const lastEval = p.evals[p.evals.length - 1];
      metricBox.dataset['metric'] = metric;
      if (lastEval) {
        metricBox.dataset['value'] = String(lastEval.values[metric]);
        replaceChildren(metricBox, ...metricText(metric, lastEval.values, lastEval.step));
      }
      validChart.setData(
        p.evals.map((e) => e.step),
        [
          p.evals.map((e) => e.values['loss'] ?? null),
          p.evals.map((e) => (metric === 'loss' ? null : (e.values[metric] ?? null))),
        ],
        range,
      );
    },
  };
}

/** The training-loss chart in `lossBox` and the validation chart in `validBox`. */
function charts(
  lossBox: HTMLElement,
  validBox: HTMLElement,
): { lossChart: LineChart; validChart: LineChart } {
  return {
    lossChart: new LineChart(lossBox, {
      xLabel: 'step',
      yLabel: 'loss',
      height: CHART_HEIGHT,
      series: [
        { label: 'loss', stroke: 'rgba(37, 99, 235, 0.35)', width: 1 },
        { label: 'smoothed', stroke: '#1d4ed8', width: 2 },
      ],
    }),
    validChart: new LineChart(validBox, {
      xLabel: 'step',
      yLabel: 'loss',
      y2Label: 'metric',
      height: CHART_HEIGHT,
      series: [
        { label: 'valid loss', stroke: '#9333ea', width: 2, points: true },
        // Accuracy-like metrics live on 0..1, losses anywhere: one axis each.
        { label: 'metric', stroke: '#059669', width: 2, points: true, right: true },
      ],
    }),
  };
}

/**
 * A chart with its empty-state note laid over the plot: the note says what will appear
 * there, and taking no height of its own it leaves the cards the same size before and after
 * the first point (the heatmap below stays on a 900 px screen).
 */
function chartArea(note: HTMLElement, chart: HTMLElement): HTMLElement {
  note.classList.add('chart-empty');
  return h('div', { class: 'chart-area' }, chart, note);
}

/** What the chart cards say will appear, until it does. */
function emptyNotes(): { lossEmpty: HTMLElement; validEmpty: HTMLElement } {
  return {
    lossEmpty: h(
      'p',
      { class: 'hint', 'data-testid': 'loss-empty' },
      'Press Train: the loss of every step is drawn here, with a smoothed line, as the model learns.',
    ),
    validEmpty: h(
      'p',
      { class: 'hint' },
      'The validation loss and metric, every 50 steps and after every epoch.',
    ),
  };
}
