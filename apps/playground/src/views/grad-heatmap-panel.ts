/**
 * The gradient-flow card of the Train panel: for the chosen recurrent layer, a heatmap of
 * log10 ‖∂L/∂h_t‖ (x: training step, one column per measurement; y: time step t, t = 1 at
 * the bottom) on a canvas, its colour legend, the spectral radius of W_hh over training
 * (a small uPlot line) and the latest verdict with its suggestion. The numbers come from
 * {@link heatmapOf}; this file only draws them. The card carries what it draws as data
 * attributes (columns, rows, range), so automation can read it.
 */
import type { GradReport } from '@seqlab/tfjs';
import { h, replaceChildren } from '../ui/dom.js';
import { cssGradient, hex, MISSING_COLOUR } from './colour-scale.js';
import { heatmapCellTitle, num, paintHeatmap } from './heatmap-canvas.js';
import {
  chooseLayer,
  decadeLabel,
  GradHistory,
  heatmapOf,
  layerChoices,
  type Heatmap,
} from './heatmap-model.js';
import { LineChart } from './line-chart.js';

/** The card and what the Train panel tells it. */
export interface GradHeatmapPanel {
  readonly el: HTMLElement;
  /** A new model: forget the history; `note` says what to expect until the first column. */
  reset(note: string): void;
  /** A measurement taken after training step `step`. */
  add(step: number, report: GradReport): void;
  /** There will be no measurements, and why (no recurrent layer, a failure). */
  unavailable(reason: string): void;
  /** Draw again (the card became visible or changed size). */
  redraw(): void;
}

/** Create the card. */
export function gradHeatmapPanel(): GradHeatmapPanel {
  const history = new GradHistory();
  let layer: string | undefined;
  let shown: Heatmap | undefined;
  /** Shown until the first column. */
  let waiting = '';
  /** Why measuring stopped (shown over everything else). */
  let failure: string | undefined;

  const parts = gradCardParts();
  const { el, select, canvas } = parts;
  const paint = (): void => paintHeatmap(canvas, shown);

  const render = (): void => {
    layer = syncLayerSelect(parts, history, layer);
    shown = layer === undefined ? undefined : heatmapOf(history.columns, layer);
    showHeatmap(parts, shown, failure ?? (shown ? '' : waiting));
    if (shown) paint();
  };

  canvas.addEventListener('mousemove', (e) => {
    const title = heatmapCellTitle(canvas, shown, e.offsetX, e.offsetY);
    if (title !== undefined) canvas.title = title;
  });
  select.addEventListener('change', () => {
    layer = select.value;
    render();
  });
  new ResizeObserver(() => paint()).observe(canvas);

  return {
    el,
    reset(text) {
      // The chosen layer is kept: a retrained model usually has the same layers.
      history.reset();
      waiting = text;
      failure = undefined;
      render();
    },
    add(step, report) {
      history.add(step, report);
      render();
    },
    unavailable(reason) {
      failure = reason;
      render();
    },
    redraw: paint,
  };
}

/** The card's elements that change as measurements come in. */
interface GradCardParts {
  readonly el: HTMLElement;
  readonly select: HTMLSelectElement;
  readonly selectLabel: HTMLElement;
  readonly verdict: HTMLElement;
  readonly spectralText: HTMLElement;
  readonly caption: HTMLElement;
  readonly note: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly figure: HTMLElement;
  readonly axes: HeatmapAxes;
  readonly details: HTMLElement;
  readonly suggestion: HTMLElement;
  readonly spectralChart: LineChart;
}

/** The labels around the heatmap: axis ends and the colour legend's ends. */
interface HeatmapAxes {
  readonly yTop: HTMLElement;
  readonly xFirst: HTMLElement;
  readonly xLast: HTMLElement;
  readonly legendMin: HTMLElement;
  readonly legendMax: HTMLElement;
}

/** Build the card (figure and details hidden until there is a heatmap). */
function gradCardParts(): GradCardParts {
  const select = h('select', {
    'data-testid': 'grad-layer-select',
    'aria-label': 'recurrent layer',
  });
  const selectLabel = h('label', { class: 'grad-layer', hidden: true }, 'layer ', select);
  const verdict = h('span', { class: 'verdict', 'data-testid': 'grad-verdict' });
  const spectralText = h('span', { class: 'spectral', 'data-testid': 'spectral-radius' });
  const caption = h('span', { class: 'muted' });
  const note = h('p', { class: 'hint grad-note' });
  const canvas = h('canvas', { class: 'heatmap', 'data-testid': 'grad-heatmap-canvas' });
  const axes: HeatmapAxes = {
    yTop: h('span', {}),
    xFirst: h('span', {}),
    xLast: h('span', {}),
    legendMin: h('span', {}),
    legendMax: h('span', {}),
  };
  const figure = heatmapFigure(canvas, axes);
  const suggestion = h('p', { class: 'hint' });
  const spectralBox = h('div', { class: 'chart tiny' });
  const spectralChart = new LineChart(spectralBox, {
    xLabel: 'step',
    yLabel: 'ρ(W_hh)',
    height: 130,
    series: [{ label: 'spectral radius', stroke: '#0f766e', width: 2, points: true }],
  });
  const details = h(
    'div',
    { hidden: true },
    suggestion,
    h('h3', { class: 'sub' }, 'Spectral radius of the recurrent matrix'),
    spectralBox,
  );
  const el = h(
    'section',
    { class: 'card grad-card', 'data-testid': 'grad-heatmap', 'data-columns': 0 },
    h('h3', {}, 'Gradient flow through time ', caption),
    h('div', { class: 'row grad-head' }, selectLabel, verdict, spectralText),
    note,
    figure,
    details,
  );
  return {
    el,
    select,
    selectLabel,
    verdict,
    spectralText,
    caption,
    note,
    canvas,
    figure,
    axes,
    details,
    suggestion,
    spectralChart,
  };
}

/** The heatmap's grid: y axis, canvas, x axis below it, and the colour legend. */
function heatmapFigure(canvas: HTMLCanvasElement, axes: HeatmapAxes): HTMLElement {
  return h(
    'div',
    { class: 'grad-figure', hidden: true },
    h(
      'div',
      { class: 'heatmap-y' },
      axes.yTop,
      h('span', { class: 'axis-name' }, 'time step'),
      h('span', {}, 't = 1'),
    ),
    canvas,
    h('span', {}),
    h(
      'div',
      { class: 'heatmap-x' },
      axes.xFirst,
      h('span', { class: 'axis-name' }, 'training step'),
      axes.xLast,
    ),
    h('span', {}),
    h(
      'div',
      { class: 'heatmap-legend' },
      h('span', { class: 'muted' }, '‖∂L/∂h_t‖'),
      axes.legendMin,
      h('span', { class: 'legend-bar', style: `background: ${cssGradient()}` }),
      axes.legendMax,
      h('span', { class: 'legend-missing', style: `background: ${hex(MISSING_COLOUR)}` }),
      h('span', { class: 'muted' }, 'none'),
    ),
  );
}

/**
 * Offer the layers the history holds (the select only shows with two or more) and return the
 * one to draw: `layer` while it is still there.
 */
function syncLayerSelect(
  parts: GradCardParts,
  history: GradHistory,
  layer: string | undefined,
): string | undefined {
  const { select, selectLabel } = parts;
  const choices = layerChoices(history.columns);
  const chosen = chooseLayer(choices, layer);
  const values = choices.map((c) => c.value).join('\n');
  // Rebuild the options only when they change, so an open select is not disturbed.
  if (select.dataset['values'] !== values) {
    select.dataset['values'] = values;
    replaceChildren(select, ...choices.map((c) => h('option', { value: c.value }, c.label)));
  }
  if (chosen !== undefined) select.value = chosen;
  selectLabel.hidden = choices.length < 2;
  return chosen;
}

/** Show `m` (or only `noteText` while there is none); the canvas is painted separately. */
function showHeatmap(parts: GradCardParts, m: Heatmap | undefined, noteText: string): void {
  const { el, note } = parts;
  parts.figure.hidden = !m;
  parts.details.hidden = !m;
  el.dataset['columns'] = String(m?.steps.length ?? 0);
  note.textContent = noteText;
  note.hidden = noteText === '';
  if (!m) {
    for (const x of [parts.verdict, parts.spectralText, parts.caption]) x.textContent = '';
    return;
  }
  const cols = m.steps.length;
  const gap = cols > 1 ? (m.steps[cols - 1] ?? 0) - (m.steps[cols - 2] ?? 0) : undefined;
  parts.caption.textContent = `· ${cols} measurement${cols === 1 ? '' : 's'}${gap ? `, every ${gap} steps` : ''} on fixed validation examples`;
  el.dataset['layer'] = m.layer;
  el.dataset['rows'] = String(m.rows);
  el.dataset['min'] = m.range ? String(m.range.min) : '';
  el.dataset['max'] = m.range ? String(m.range.max) : '';
  const { axes } = parts;
  axes.yTop.textContent = `t = ${m.rows}`;
  axes.xFirst.textContent = String(m.steps[0] ?? '');
  axes.xLast.textContent = cols > 1 ? String(m.steps[cols - 1]) : '';
  axes.legendMin.textContent = m.range ? decadeLabel(m.range.min) : '—';
  axes.legendMax.textContent = m.range ? decadeLabel(m.range.max) : '—';
  showVerdict(parts, m);
}

/** The latest measurement's verdict, spectral radius and suggestion, and the ρ chart. */
function showVerdict(parts: GradCardParts, m: Heatmap): void {
  const { verdict, spectralText } = parts;
  const v = m.latest;
  verdict.className = `verdict ${v.verdict}`;
  verdict.textContent =
    v.ratio === null ? v.verdict : `${v.verdict} · ‖∂L/∂h_first‖ / ‖∂L/∂h_last‖ = ${num(v.ratio)}`;
  const rho = v.spectralRadius;
  spectralText.dataset['value'] = rho === null ? '' : String(rho);
  spectralText.textContent = `ρ(W_hh) = ${rho === null ? 'unknown' : num(rho)}`;
  spectralText.title = v.weightSource;
  parts.suggestion.textContent = `Suggestion: ${v.suggestion}`;
  parts.spectralChart.setData(m.steps, [m.spectral]);
}
