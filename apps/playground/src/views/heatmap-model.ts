/**
 * The gradient-flow heatmap as data: a history of gradient reports (one per measurement
 * during training) becomes, for one recurrent layer, a grid of log10 ‖∂L/∂h_t‖ (a column per
 * measurement, a row per time step), the colour range of that grid, the spectral radius of
 * W_hh per measurement and the latest verdict. No DOM here, so all of it is unit-tested.
 */
import type { GradReport, LayerReport, Verdict } from '@seqlab/tfjs';

/** What the heatmap keeps of one layer's report (the rest of a report is not drawn). */
export interface LayerColumn {
  readonly name: string;
  readonly op: LayerReport['op'];
  readonly layer: number;
  readonly direction: LayerReport['direction'];
  readonly gradNorms: readonly number[];
  readonly spectralRadius: number | null;
  readonly weightSource: string;
  readonly ratio: number | null;
  readonly verdict: Verdict;
  readonly suggestion: string;
}

/** One measurement: the training step it was taken after, and every recurrent layer. */
export interface GradColumn {
  readonly step: number;
  readonly layers: readonly LayerColumn[];
}

/** The measurements of one run, oldest first. */
export class GradHistory {
  private cols: GradColumn[] = [];

  /** Every measurement so far. */
  get columns(): readonly GradColumn[] {
    return this.cols;
  }

  /** Add the report measured after training step `step`. */
  add(step: number, report: GradReport): void {
    this.cols.push({
      step,
      layers: report.layers.map((l) => ({
        name: l.name,
        op: l.op,
        layer: l.layer,
        direction: l.direction,
        gradNorms: [...l.gradNorms],
        spectralRadius: l.spectralRadius,
        weightSource: l.weightSource,
        ratio: l.ratio,
        verdict: l.verdict,
        suggestion: l.suggestion,
      })),
    });
  }

  /** Forget everything (a new model). */
  reset(): void {
    this.cols = [];
  }
}

/** An entry of the layer select box. */
export interface LayerChoice {
  /** The layer's report name (`rnn0`, `lstm0.l1`, `gru0.l0_reverse`, `elman0`). */
  readonly value: string;
  readonly label: string;
}

/** The recurrent layers (each direction of each layer) the history holds, in graph order. */
export function layerChoices(columns: readonly GradColumn[]): LayerChoice[] {
  const seen = new Map<string, LayerChoice>();
  for (const col of columns) {
    for (const l of col.layers) {
      if (seen.has(l.name)) continue;
      // The name already carries the stack index (`.l1`); say the cell and the direction.
      const dir = l.direction === 'reverse' ? ', reverse' : '';
      seen.set(l.name, { value: l.name, label: `${l.name} (${l.op}${dir})` });
    }
  }
  return [...seen.values()];
}

/** The layer to show: `wanted` while it exists, else the first (undefined: none). */
export function chooseLayer(
  choices: readonly LayerChoice[],
  wanted: string | undefined,
): string | undefined {
  return choices.find((c) => c.value === wanted)?.value ?? choices[0]?.value;
}

/** A closed range of log10 values. */
export interface LogRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The colour range of log10 values: from the decade at or below the smallest finite value to
 * the decade at or above the largest, so the legend reads in powers of ten (`1e-15 … 1e0`).
 * A single decade is widened to one on each side; no finite value gives undefined.
 */
export function logRange(values: Iterable<number>): LogRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return undefined;
  // Snap to decades; the tolerance keeps log10(1e-15) = -14.999999… in its own decade.
  // `+ 0` turns the −0 that ceil(−0.3) gives into 0.
  const lo = Math.floor(min + 1e-9) + 0;
  const hi = Math.ceil(max - 1e-9) + 0;
  return hi > lo ? { min: lo, max: hi } : { min: lo - 1, max: hi + 1 };
}

/** log10 of a norm; NaN where no gradient arrives (0) or the value is unknown. */
export function logNorm(norm: number | undefined): number {
  if (norm === undefined || Number.isNaN(norm) || norm <= 0) return NaN;
  return Math.log10(norm);
}

/** The heatmap of one layer. */
export interface Heatmap {
  readonly layer: string;
  /** The training step of each column. */
  readonly steps: readonly number[];
  /** Time steps (the longest column; shorter columns are NaN below their end). */
  readonly rows: number;
  /** log10 ‖∂L/∂h_t‖ at `values[col * rows + t]` (t = 0 is time step 1); NaN: none. */
  readonly values: Float64Array;
  readonly range: LogRange | undefined;
  /** Spectral radius of the recurrent matrix per column (null: unknown). */
  readonly spectral: readonly (number | null)[];
  /** The newest measurement of the layer. */
  readonly latest: LayerColumn;
}

/** The heatmap of `layer` over `columns` (undefined if the layer was never measured). */
export function heatmapOf(columns: readonly GradColumn[], layer: string): Heatmap | undefined {
  const picked: { step: number; l: LayerColumn }[] = [];
  for (const col of columns) {
    const l = col.layers.find((x) => x.name === layer);
    if (l) picked.push({ step: col.step, l });
  }
  const latest = picked[picked.length - 1]?.l;
  if (!latest) return undefined;
  const rows = Math.max(...picked.map((p) => p.l.gradNorms.length));
  const values = new Float64Array(picked.length * rows).fill(NaN);
  picked.forEach((p, c) => {
    p.l.gradNorms.forEach((g, t) => (values[c * rows + t] = logNorm(g)));
  });
  return {
    layer,
    steps: picked.map((p) => p.step),
    rows,
    values,
    range: logRange(values),
    spectral: picked.map((p) => p.l.spectralRadius),
    latest,
  };
}

/** `1e-15`, `1e0`, `1e3`: a power of ten for a legend. */
export function decadeLabel(exponent: number): string {
  return `1e${Math.round(exponent)}`;
}
