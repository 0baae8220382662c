import type { GradReport, LayerReport } from '@seqlab/tfjs';
import { describe, expect, it } from 'vitest';
import {
  chooseLayer,
  decadeLabel,
  GradHistory,
  heatmapOf,
  layerChoices,
  logRange,
} from '../../src/views/heatmap-model.js';

/** A layer report with the given norms (what the heatmap reads; the rest is filler). */
function layer(name: string, gradNorms: number[], extra: Partial<LayerReport> = {}): LayerReport {
  return {
    name,
    node: name,
    op: 'rnn',
    layer: 0,
    direction: 'forward',
    hidden: 4,
    state: 'h',
    lossAt: 'last',
    gradNorms,
    ratio: (gradNorms[0] ?? 0) / (gradNorms[gradNorms.length - 1] ?? 1),
    perStepFactor: null,
    spectralRadius: 0.9,
    maxSingularValue: 1,
    weightSource: 'W_hh',
    blocks: [],
    meanJacobianNorm: null,
    jacobianNote: '',
    verdict: 'healthy',
    suggestion: 'none needed',
    ...extra,
  };
}

const report = (...layers: LayerReport[]): GradReport => ({
  lossAt: 'last',
  steps: layers[0]?.gradNorms.length ?? 0,
  batch: 16,
  layers,
});

/** 1e-15, 1e-14, …, 1e0: a gradient vanishing over 16 steps back from the loss. */
const vanishing = Array.from({ length: 16 }, (_, t) => 10 ** (t - 15));

describe('heatmap model', () => {
  it('spans a vanishing series from 1e-15 to 1 in whole decades', () => {
    const h = new GradHistory();
    h.add(10, report(layer('rnn0', vanishing, { verdict: 'vanishing' })));
    const m = heatmapOf(h.columns, 'rnn0');
    expect(m?.range).toEqual({ min: -15, max: 0 });
    expect(m?.rows).toBe(16);
    // Time step 1 holds 1e-15, the last step 1e0.
    expect(m?.values[0]).toBeCloseTo(-15);
    expect(m?.values[15]).toBeCloseTo(0);
    expect(decadeLabel(m?.range?.min ?? NaN)).toBe('1e-15');
    expect(m?.latest.verdict).toBe('vanishing');
  });

  it('snaps the range outwards to decades and widens a single decade', () => {
    expect(logRange([-2.3, 0.4])).toEqual({ min: -3, max: 1 });
    expect(logRange([Math.log10(0.5)])).toEqual({ min: -1, max: 0 });
    expect(logRange([-1])).toEqual({ min: -2, max: 0 });
    expect(logRange([NaN, -Infinity])).toBeUndefined();
  });

  it('adds a column per report, in step order, with the spectral radius of each', () => {
    const h = new GradHistory();
    [5, 10, 15].forEach((step, i) =>
      h.add(step, report(layer('rnn0', [1, 2, 3], { spectralRadius: 0.5 + i / 10 }))),
    );
    const m = heatmapOf(h.columns, 'rnn0');
    expect(m?.steps).toEqual([5, 10, 15]);
    expect(m?.values.length).toBe(9);
    expect(m?.spectral.map((x) => x?.toFixed(1))).toEqual(['0.5', '0.6', '0.7']);
    // Column 2, time step 3: log10(3).
    expect(m?.values[2 * 3 + 2]).toBeCloseTo(Math.log10(3));
  });

  it('marks steps no gradient reaches (0) as missing, not as the bottom colour', () => {
    const h = new GradHistory();
    h.add(1, report(layer('gru0.l0_reverse', [0, 1e-3, 1e-2], { op: 'gru' })));
    const m = heatmapOf(h.columns, 'gru0.l0_reverse');
    expect(Number.isNaN(m?.values[0])).toBe(true);
    expect(m?.range).toEqual({ min: -3, max: -2 });
  });

  it('pads shorter columns with missing cells below the longest', () => {
    const h = new GradHistory();
    h.add(1, report(layer('rnn0', [1, 1])));
    h.add(2, report(layer('rnn0', [1, 1, 1, 1])));
    const m = heatmapOf(h.columns, 'rnn0');
    expect(m?.rows).toBe(4);
    expect(Number.isNaN(m?.values[2])).toBe(true);
    expect(m?.values[4 + 3]).toBe(0);
  });

  it('lists every layer and direction, and keeps the chosen one while it exists', () => {
    const h = new GradHistory();
    h.add(
      1,
      report(
        layer('lstm0.l0', [1], { op: 'lstm' }),
        layer('lstm0.l0_reverse', [2], { op: 'lstm', direction: 'reverse' }),
        layer('lstm0.l1', [3], { op: 'lstm', layer: 1 }),
      ),
    );
    const choices = layerChoices(h.columns);
    expect(choices.map((c) => c.value)).toEqual(['lstm0.l0', 'lstm0.l0_reverse', 'lstm0.l1']);
    expect(choices[1]?.label).toContain('reverse');
    expect(choices[0]?.label).not.toContain('reverse');
    expect(chooseLayer(choices, 'lstm0.l1')).toBe('lstm0.l1');
    expect(chooseLayer(choices, 'rnn7')).toBe('lstm0.l0');
    expect(chooseLayer([], 'rnn0')).toBeUndefined();
    // Each layer's heatmap holds its own numbers.
    expect(heatmapOf(h.columns, 'lstm0.l0_reverse')?.values[0]).toBeCloseTo(Math.log10(2));
    expect(heatmapOf(h.columns, 'lstm0.l1')?.values[0]).toBeCloseTo(Math.log10(3));
    expect(heatmapOf(h.columns, 'gru9')).toBeUndefined();
  });

  it('forgets everything on reset, and copies what it keeps', () => {
    const h = new GradHistory();
    const norms = [1, 2];
    h.add(1, report(layer('rnn0', norms)));
    norms[0] = 99;
    expect(h.columns[0]?.layers[0]?.gradNorms).toEqual([1, 2]);
    h.reset();
    expect(h.columns).toHaveLength(0);
    expect(layerChoices(h.columns)).toEqual([]);
    expect(heatmapOf(h.columns, 'rnn0')).toBeUndefined();
    h.add(7, report(layer('rnn0', [1])));
    expect(heatmapOf(h.columns, 'rnn0')?.steps).toEqual([7]);
  });
});
