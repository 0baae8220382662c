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
import { colourOf, cssGradient, hex, MISSING_COLOUR } from './colour-scale.js';
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

/** Three significant digits, exponent form for the tiny and the huge. */
function num(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e4 ? x.toExponential(2) : x.toPrecision(3);
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
  const yTop = h('span', {});
  const yBottom = h('span', {}, 't = 1');
  const xFirst = h('span', {});
  const xLast = h('span', {});
  const legendMin = h('span', {});
  const legendMax = h('span', {});
  const suggestion = h('p', { class: 'hint' });
  const spectralBox = h('div', { class: 'chart tiny' });
  const spectralChart = new LineChart(spectralBox, {
    xLabel: 'step',
    yLabel: 'ρ(W_hh)',
    height: 130,
    series: [{ label: 'spectral radius', stroke: '#0f766e', width: 2, points: true }],
  });
  const figure = h(
    'div',
    { class: 'grad-figure', hidden: true },
    h('div', { class: 'heatmap-y' }, yTop, h('span', { class: 'axis-name' }, 'time step'), yBottom),
    canvas,
    h('span', {}),
    h(
      'div',
      { class: 'heatmap-x' },
      xFirst,
      h('span', { class: 'axis-name' }, 'training step'),
      xLast,
    ),
    h('span', {}),
    h(
      'div',
      { class: 'heatmap-legend' },
      h('span', { class: 'muted' }, '‖∂L/∂h_t‖'),
      legendMin,
      h('span', { class: 'legend-bar', style: `background: ${cssGradient()}` }),
      legendMax,
      h('span', { class: 'legend-missing', style: `background: ${hex(MISSING_COLOUR)}` }),
      h('span', { class: 'muted' }, 'none'),
    ),
  );
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

  const syncSelect = (): void => {
    const choices = layerChoices(history.columns);
    layer = chooseLayer(choices, layer);
    const values = choices.map((c) => c.value).join('\n');
    if (select.dataset['values'] !== values) {
      select.dataset['values'] = values;
      replaceChildren(select, ...choices.map((c) => h('option', { value: c.value }, c.label)));
    }
    if (layer !== undefined) select.value = layer;
    selectLabel.hidden = choices.length < 2;
  };

  const paint = (): void => {
    const m = shown;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!m || width <= 0 || height <= 0) return;
    const cols = m.steps.length;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    // One pixel per cell off screen, then scaled up without smoothing: crisp cells at any
    // number of columns, and one drawImage however long training runs.
    const cells = document.createElement('canvas');
    cells.width = cols;
    cells.height = m.rows;
    const cellCtx = cells.getContext('2d');
    const ctx = canvas.getContext('2d');
    if (!cellCtx || !ctx) return;
    const image = cellCtx.createImageData(cols, m.rows);
    const lo = m.range?.min ?? 0;
    const hi = m.range?.max ?? 1;
    for (let c = 0; c < cols; c++) {
      for (let t = 0; t < m.rows; t++) {
        const [r, g, b] = colourOf(m.values[c * m.rows + t] ?? NaN, lo, hi);
        // Time step 1 at the bottom, as on a plot's y axis.
        const i = 4 * ((m.rows - 1 - t) * cols + c);
        image.data[i] = r;
        image.data[i + 1] = g;
        image.data[i + 2] = b;
        image.data[i + 3] = 255;
      }
    }
    cellCtx.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(cells, 0, 0, canvas.width, canvas.height);
  };

  const render = (): void => {
    syncSelect();
    shown = layer === undefined ? undefined : heatmapOf(history.columns, layer);
    const m = shown;
    figure.hidden = !m;
    details.hidden = !m;
    el.dataset['columns'] = String(m?.steps.length ?? 0);
    const text = failure ?? (m ? '' : waiting);
    note.textContent = text;
    note.hidden = text === '';
    if (!m) {
      for (const x of [verdict, spectralText, caption]) x.textContent = '';
      return;
    }
    const cols = m.steps.length;
    const gap = cols > 1 ? (m.steps[cols - 1] ?? 0) - (m.steps[cols - 2] ?? 0) : undefined;
    caption.textContent = `· ${cols} measurement${cols === 1 ? '' : 's'}${gap ? `, every ${gap} steps` : ''} on fixed validation examples`;
    el.dataset['layer'] = m.layer;
    el.dataset['rows'] = String(m.rows);
    el.dataset['min'] = m.range ? String(m.range.min) : '';
    el.dataset['max'] = m.range ? String(m.range.max) : '';
    yTop.textContent = `t = ${m.rows}`;
    xFirst.textContent = String(m.steps[0] ?? '');
    xLast.textContent = cols > 1 ? String(m.steps[cols - 1]) : '';
    legendMin.textContent = m.range ? decadeLabel(m.range.min) : '—';
    legendMax.textContent = m.range ? decadeLabel(m.range.max) : '—';
    const v = m.latest;
    verdict.className = `verdict ${v.verdict}`;
    verdict.textContent =
      v.ratio === null
        ? v.verdict
        : `${v.verdict} · ‖∂L/∂h_first‖ / ‖∂L/∂h_last‖ = ${num(v.ratio)}`;
    const rho = v.spectralRadius;
    spectralText.dataset['value'] = rho === null ? '' : String(rho);
    spectralText.textContent = `ρ(W_hh) = ${rho === null ? 'unknown' : num(rho)}`;
    spectralText.title = v.weightSource;
    suggestion.textContent = `Suggestion: ${v.suggestion}`;
    spectralChart.setData(m.steps, [m.spectral]);
    paint();
  };

  canvas.addEventListener('mousemove', (e) => {
    const m = shown;
    if (!m || canvas.clientWidth <= 0) return;
    const cell = (at: number, size: number, n: number): number =>
      Math.min(n - 1, Math.max(0, Math.floor((at / size) * n)));
    const c = cell(e.offsetX, canvas.clientWidth, m.steps.length);
    const t = m.rows - 1 - cell(e.offsetY, canvas.clientHeight, m.rows);
    const value = m.values[c * m.rows + t];
    if (value === undefined) return;
    const norm = Number.isNaN(value) ? 'no gradient' : num(10 ** value);
    canvas.title = `step ${m.steps[c]}, t = ${t + 1}: ‖∂L/∂h_t‖ = ${norm}`;
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
