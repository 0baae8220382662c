/**
 * Training curves: one panel per quantity (loss; each metric), one line per split, epochs
 * along x. Written as plain SVG so the CLI can save it beside a run without a browser.
 */
import { svgDocument, textLine } from './svg-parts.js';
import { SANS, themeFor, type ThemeName } from './theme.js';
import { el, num } from './xml.js';

/** One line: a name (`train`, `valid`) and its points (epoch, value). */
export interface CurveSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

/** One panel: a quantity and its lines. */
export interface CurvePanel {
  readonly title: string;
  readonly series: readonly CurveSeries[];
}

const COLOURS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea'];
const W = 420;
const H = 240;
const PAD = { left: 56, right: 16, top: 34, bottom: 40 };

/** Round tick values: 1, 2 or 5 times a power of ten. */
function ticks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

/** Each series as a line with dots at its points, and its legend entry at the top right. */
function seriesMarks(
  series: readonly CurveSeries[],
  x0: number,
  px: (x: number) => number,
  py: (y: number) => number,
  themeText: string,
): string[] {
  const out: string[] = [];
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? '#2563eb';
    const good = s.points.filter(([, y]) => Number.isFinite(y));
    if (good.length > 1) {
      out.push(
        el('polyline', {
          points: good.map(([x, y]) => `${num(px(x))},${num(py(y))}`).join(' '),
          fill: 'none',
          stroke: colour,
          'stroke-width': 2,
        }),
      );
    }
    for (const [x, y] of good)
      out.push(el('circle', { cx: px(x), cy: py(y), r: 2.5, fill: colour }));
    const lx = x0 + W - PAD.right - 8;
    const ly = PAD.top + 14 + i * 14;
    out.push(
      el('line', {
        x1: lx - 60,
        x2: lx - 46,
        y1: ly - 4,
        y2: ly - 4,
        stroke: colour,
        'stroke-width': 2,
      }),
    );
    out.push(textLine(lx - 42, ly, s.name, { size: 10, fill: themeText }));
  });
  return out;
}

function panel(p: CurvePanel, x0: number, themeText: string, muted: string): string[] {
  const pts = p.series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y));
  const xs = pts.map(([x]) => x);
  const ys = pts.map(([, y]) => y);
  const xMin = Math.min(...xs, 1);
  const xMax = Math.max(...xs, xMin + 1);
  let yMin = Math.min(...ys);
  let yMax = Math.max(...ys);
  if (!Number.isFinite(yMin)) [yMin, yMax] = [0, 1];
  if (yMax - yMin < 1e-9) [yMin, yMax] = [yMin - 0.5, yMax + 0.5];
  const margin = (yMax - yMin) * 0.08;
  yMin -= margin;
  yMax += margin;
  const px = (x: number): number =>
    x0 + PAD.left + ((x - xMin) / (xMax - xMin)) * (W - PAD.left - PAD.right);
  const py = (y: number): number =>
    PAD.top + (1 - (y - yMin) / (yMax - yMin)) * (H - PAD.top - PAD.bottom);
  const out: string[] = [
    textLine(x0 + PAD.left, 20, p.title, { size: 13, weight: 'bold', fill: themeText }),
    el('rect', {
      x: x0 + PAD.left,
      y: PAD.top,
      width: W - PAD.left - PAD.right,
      height: H - PAD.top - PAD.bottom,
      fill: 'none',
      stroke: '#d1d5db',
    }),
  ];
  for (const t of ticks(yMin, yMax)) {
    out.push(
      el('line', {
        x1: x0 + PAD.left,
        x2: x0 + W - PAD.right,
        y1: py(t),
        y2: py(t),
        stroke: '#eef0f3',
      }),
    );
    out.push(
      textLine(x0 + PAD.left - 6, py(t) + 4, String(Number(t.toPrecision(4))), {
        size: 10,
        fill: muted,
        anchor: 'end',
      }),
    );
  }
  for (const t of ticks(xMin, xMax, Math.min(8, xMax - xMin)).filter(Number.isInteger)) {
    out.push(
      textLine(px(t), H - PAD.bottom + 14, String(t), { size: 10, fill: muted, anchor: 'middle' }),
    );
  }
  out.push(
    textLine(x0 + (W + PAD.left - PAD.right) / 2, H - 8, 'epoch', {
      size: 10,
      fill: muted,
      anchor: 'middle',
    }),
  );
  out.push(...seriesMarks(p.series, x0, px, py, themeText));
  return out;
}

/** Panels side by side in one SVG. */
export function curvesSvg(
  title: string,
  panels: readonly CurvePanel[],
  opts: { theme?: ThemeName } = {},
): string {
  const theme = themeFor(opts.theme ?? 'light');
  const body = panels.flatMap((p, i) => panel(p, i * W, theme.text, theme.muted));
  return svgDocument({
    width: Math.max(1, panels.length) * W,
    height: H,
    title,
    theme,
    defs: [],
    body: [el('g', { 'font-family': SANS }, body)],
  });
}
