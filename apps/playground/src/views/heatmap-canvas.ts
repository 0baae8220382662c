/**
 * The gradient-flow heatmap on a canvas: painting a {@link Heatmap} cell by cell, and the
 * tooltip of the cell under the pointer. The card around it is in grad-heatmap-panel.ts.
 */
import { colourOf } from './colour-scale.js';
import type { Heatmap } from './heatmap-model.js';

/** Three significant digits, exponent form for the tiny and the huge. */
export function num(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e4 ? x.toExponential(2) : x.toPrecision(3);
}

/** Paint `m` over the whole of `canvas` (nothing while the canvas is not laid out). */
export function paintHeatmap(canvas: HTMLCanvasElement, m: Heatmap | undefined): void {
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
  fillCells(image, m);
  cellCtx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cells, 0, 0, canvas.width, canvas.height);
}

/** One pixel of `image` per cell of `m`, coloured over the heatmap's range. */
function fillCells(image: ImageData, m: Heatmap): void {
  const cols = m.steps.length;
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
}

/**
 * The tooltip of the cell at (`x`, `y`) pixels of `canvas` showing `m`, or undefined where
 * there is none (the title is then left as it was).
 */
export function heatmapCellTitle(
  canvas: HTMLCanvasElement,
  m: Heatmap | undefined,
  x: number,
  y: number,
): string | undefined {
  if (!m || canvas.clientWidth <= 0) return undefined;
  const cell = (at: number, size: number, n: number): number =>
    Math.min(n - 1, Math.max(0, Math.floor((at / size) * n)));
  const c = cell(x, canvas.clientWidth, m.steps.length);
  const t = m.rows - 1 - cell(y, canvas.clientHeight, m.rows);
  const value = m.values[c * m.rows + t];
  if (value === undefined) return undefined;
  const norm = Number.isNaN(value) ? 'no gradient' : num(10 ** value);
  return `step ${m.steps[c]}, t = ${t + 1}: ‖∂L/∂h_t‖ = ${norm}`;
}
