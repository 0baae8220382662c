/** The classic unrolled-RNN figure as an SVG string. */
import type { IrModule } from '@seqlab/ir';
import { mathText, mathWidth } from './math-text.js';
import { isDataOp } from './module-facts.js';
import { opFamily, opSummary } from './op-label.js';
import { recurrentRows } from './recurrent-rows.js';
import type { ArrowLabel, CellBox, InitBox, UnrolledLayout } from './unrolled-layout.js';
import { U, layoutUnrolled } from './unrolled-layout.js';
import { arrowMarker, idPrefix, svgDocument, textLine } from './svg-parts.js';
import { textWidth } from './text-width.js';
import type { Theme, ThemeName } from './theme.js';
import { MONO, SANS, themeFor } from './theme.js';
import { el, text } from './xml.js';

/** Wider figures stop being readable; more steps are summarised in the subtitle. */
const MAX_STEPS = 24;
const CAPTION = 'same parameters at every step: each row reuses its W_xh, W_hh and bias at every t';

function renderCell(c: CellBox, theme: Theme): string {
  const swatch =
    theme.families[c.kind === 'cell' ? 'recurrent' : c.kind === 'input' ? 'dense' : 'io'];
  const x = c.x - c.w / 2;
  const y = c.y - c.h / 2;
  const parts = [
    el('rect', {
      class: `cell ${c.kind}`,
      'data-kind': c.kind,
      'data-row': c.row,
      'data-t': c.t,
      x,
      y,
      width: c.w,
      height: c.h,
      rx: 9,
      fill: swatch.fill,
      stroke: swatch.stroke,
      'stroke-width': 1.6,
    }),
  ];
  if (c.split) {
    // A bidirectional state is [forward; backward]: show the two halves.
    parts.push(
      el('line', {
        x1: c.x,
        y1: y + 5,
        x2: c.x,
        y2: y + c.h - 5,
        stroke: swatch.stroke,
        'stroke-opacity': 0.45,
        'stroke-dasharray': '3 3',
      }),
    );
  }
  parts.push(
    mathText(c.x, c.y + 1, c.label, {
      size: 14,
      fill: swatch.text,
      family: SANS,
      anchor: 'middle',
      italic: true,
    }),
    textLine(c.x, c.y + 16, c.sub, {
      size: 10.5,
      fill: theme.muted,
      anchor: 'middle',
      family: MONO,
    }),
  );
  // A native tooltip: the cell's equation and shape on hover.
  return el('g', {}, [el('title', {}, [text(c.hover)]), ...parts]);
}

function renderInit(b: InitBox, theme: Theme): string {
  return el('g', { class: 'init' }, [
    el('rect', {
      x: b.x - b.w / 2,
      y: b.y - b.h / 2,
      width: b.w,
      height: b.h,
      rx: 7,
      fill: theme.background,
      stroke: theme.muted,
      'stroke-dasharray': '4 3',
      'stroke-width': 1.3,
    }),
    mathText(b.x, b.y, 'h_0', {
      size: 12.5,
      fill: theme.text,
      family: SANS,
      anchor: 'middle',
      italic: true,
    }),
    textLine(b.x, b.y + 12, `= ${b.value}`, { size: 10, fill: theme.muted, anchor: 'middle' }),
  ]);
}

function renderLabel(l: ArrowLabel, theme: Theme): string {
  const size = l.muted ? U.labelSize - 1 : U.labelSize;
  const mathW = mathWidth(l.math, size);
  const shapeW = l.shape === undefined ? 0 : 5 + textWidth(l.shape, size, 'mono');
  const total = mathW + shapeW;
  const start = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - total : l.x - total / 2;
  const fill = l.muted ? theme.muted : theme.text;
  const parts = [
    el('rect', {
      x: start - 3,
      y: l.y - size,
      width: total + 6,
      height: size + 5,
      rx: 3,
      fill: theme.background,
      'fill-opacity': 0.85,
    }),
    mathText(start, l.y, l.math, { size, fill, family: SANS }),
  ];
  if (l.shape !== undefined) {
    parts.push(
      textLine(start + mathW + 5, l.y, l.shape, { size, fill: theme.muted, family: MONO }),
    );
  }
  return el('g', { class: 'label' }, parts);
}

function renderBody(layout: UnrolledLayout, theme: Theme, marker: string): string[] {
  const arrows = layout.arrows.map((a) =>
    el('path', {
      class: `edge ${a.kind}`,
      'data-kind': a.kind,
      'data-row': a.row,
      'data-t': a.t,
      d: a.d,
      fill: 'none',
      stroke:
        a.kind === 'horizontal' || a.kind === 'horizontal-reverse'
          ? theme.families.recurrent.stroke
          : theme.edge,
      'stroke-width': 1.5,
      'stroke-dasharray': a.dashed ? '5 3' : undefined,
      'marker-end': `url(#${a.kind.startsWith('horizontal') ? `${marker}-rec` : marker})`,
    }),
  );
  const labels = layout.arrows.flatMap((a) => a.labels.map((l) => renderLabel(l, theme)));
  const rowLabels = layout.rowLabels.map((r) =>
    el('g', { class: 'row-label' }, [
      textLine(r.x, r.y - 2, r.title, { size: U.rowTitleSize, fill: theme.text, weight: 'bold' }),
      textLine(r.x, r.y + 14, r.note, { size: U.rowNoteSize, fill: theme.muted }),
    ]),
  );
  const columns = layout.columnLabels.map((c) =>
    textLine(c.x, c.y, c.text, { size: 11, fill: theme.muted, anchor: 'middle' }),
  );
  return [
    el('g', { class: 'row-labels' }, rowLabels),
    el('g', { class: 'edges' }, arrows),
    el(
      'g',
      { class: 'inits' },
      layout.inits.map((b) => renderInit(b, theme)),
    ),
    el(
      'g',
      { class: 'cells' },
      layout.cells.map((c) => renderCell(c, theme)),
    ),
    el('g', { class: 'labels' }, labels),
    el('g', { class: 'columns' }, columns),
  ];
}

/** Header lines: the model name and what is shown. */
function header(m: IrModule, theme: Theme, subtitle: string): { parts: string[]; width: number } {
  return {
    parts: [
      textLine(U.margin, U.margin + 18, m.model, { size: 18, fill: theme.text, weight: 'bold' }),
      textLine(U.margin, U.margin + 38, subtitle, { size: 12, fill: theme.muted }),
    ],
    width: Math.max(textWidth(m.model, 18, 'sans', true), textWidth(subtitle, 12)) + 2 * U.margin,
  };
}

/** No recurrence: a clear caption and the model's layers in one row, as valid SVG. */
function noRecurrenceSvg(m: IrModule, theme: Theme, themeName: string): string {
  const marker = `${idPrefix(m.model, 'unrolled', themeName)}-arrow`;
  const nodes = m.graph.nodes.filter((n) => !isDataOp(n));
  const shown = nodes.slice(0, 10);
  const pills: string[] = [];
  let x = U.margin;
  const y = U.margin + U.header + 20;
  shown.forEach((n, i) => {
    const label = opSummary(n, m.graph);
    const w = textWidth(label, 12, 'mono') + 20;
    const swatch = theme.families[opFamily(n)];
    if (i > 0) {
      pills.push(
        el('path', {
          d: `M${x - 26},${y} L${x - 2},${y}`,
          stroke: theme.edge,
          'stroke-width': 1.5,
          'marker-end': `url(#${marker})`,
        }),
      );
    }
    pills.push(
      el('rect', {
        class: 'layer',
        x,
        y: y - 15,
        width: w,
        height: 30,
        rx: 15,
        fill: swatch.fill,
        stroke: swatch.stroke,
        'stroke-width': 1.5,
      }),
      textLine(x + w / 2, y + 4, label, {
        size: 12,
        fill: swatch.text,
        family: MONO,
        anchor: 'middle',
      }),
    );
    x += w + 28;
  });
  if (nodes.length > shown.length) {
    pills.push(
      textLine(x, y + 4, `… ${nodes.length - shown.length} more`, { size: 12, fill: theme.muted }),
    );
    x += 80;
  }
  const caption =
    'no recurrence to unroll: no rnn, lstm, gru or cell carries a state from step to step';
  const head = header(m, theme, 'unrolled over time');
  const width = Math.max(x, head.width, textWidth(caption, 12.5) + 2 * U.margin);
  const height = y + 15 + 40 + U.margin;
  return svgDocument({
    width,
    height,
    title: `${m.model}: no recurrence to unroll`,
    theme,
    defs: [arrowMarker(marker, theme.edge)],
    body: [
      el('g', { class: 'header' }, head.parts),
      el('g', { class: 'layers' }, pills),
      el('g', { class: 'caption' }, [
        textLine(U.margin, y + 48, caption, { size: 12.5, fill: theme.text }),
      ]),
    ],
  });
}

/**
 * The unrolled-recurrence figure over `steps` time steps: rows bottom to top are the
 * input x_t, each recurrent layer's h_t^(k) (cell width ∝ sqrt(hidden)), and the model
 * output; vertical arrows carry W_xh^(k), horizontal ones W_hh^(k) from h_0. Never throws:
 * a model without recurrence gets a "no recurrence to unroll" figure. Steps are clamped
 * to 1..24.
 */
export function unrolledSvg(m: IrModule, steps: number, opts?: { theme?: ThemeName }): string {
  const themeName = opts?.theme ?? 'light';
  const theme = themeFor(themeName);
  const rows = recurrentRows(m);
  if (rows.length === 0) return noRecurrenceSvg(m, theme, themeName);

  const asked = Number.isFinite(steps) ? Math.floor(steps) : 1;
  const n = Math.min(MAX_STEPS, Math.max(1, asked));
  const layout = layoutUnrolled(rows, n);
  const layers = rows.filter((r) => r.kind === 'recurrent').length;
  const stepText =
    asked > n ? `the first ${n} of ${asked} steps` : `${n} ${n === 1 ? 'step' : 'steps'}`;
  const subtitle = `unrolled over ${stepText} · ${layers} recurrent ${layers === 1 ? 'layer' : 'layers'}`;
  const head = header(m, theme, subtitle);
  const width = Math.max(layout.width, head.width, mathWidth(CAPTION, 12.5) + 2 * U.margin);
  const marker = `${idPrefix(m.model, 'unrolled', themeName)}-arrow`;

  return svgDocument({
    width,
    height: layout.height,
    title: `${m.model}: unrolled over ${n} steps`,
    theme,
    defs: [
      arrowMarker(marker, theme.edge),
      arrowMarker(`${marker}-rec`, theme.families.recurrent.stroke),
    ],
    body: [
      el('g', { class: 'header' }, head.parts),
      ...renderBody(layout, theme, marker),
      el('g', { class: 'caption' }, [
        mathText(U.margin, layout.captionY, CAPTION, {
          size: 12.5,
          fill: theme.text,
          family: SANS,
        }),
      ]),
    ],
  });
}
