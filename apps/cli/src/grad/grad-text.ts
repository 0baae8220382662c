/** The human-readable `seqlab grad` report: one table row per layer, norms at a few steps. */
import type { GradReport, LayerReport } from '@seqlab/tfjs';
import { formatTable } from '../output/table.js';

/** A number for the table: 3 significant digits, exponents for the very small and large. */
export function formatNumber(v: number | null): string {
  if (v === null || Number.isNaN(v)) return '-';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e4 ? v.toExponential(2) : v.toPrecision(3);
}

function opText(l: LayerReport): string {
  return l.op === 'scan' ? `scan ${l.cell ?? ''}`.trim() : l.op;
}

/** Up to `n` evenly spread steps (1-based), always including 1 and T. */
function sampleSteps(T: number, n = 6): number[] {
  if (T <= n) return Array.from({ length: T }, (_, i) => i + 1);
  return [...new Set(Array.from({ length: n }, (_, i) => 1 + Math.round((i * (T - 1)) / (n - 1))))];
}

/** The whole text report. */
export function gradText(report: GradReport, context: string): string {
  const header = [
    'layer',
    'op',
    'T',
    '‖∂L/∂h_1‖',
    '‖∂L/∂h_T‖',
    'ratio',
    'per step',
    'ρ(W_hh)',
    'σ_max',
    'mean ‖J‖',
    'verdict',
  ];
  const rows = report.layers.map((l) => {
    const T = l.gradNorms.length;
    return [
      l.name,
      opText(l),
      String(T),
      formatNumber(l.gradNorms[0] ?? null),
      formatNumber(l.gradNorms[T - 1] ?? null),
      formatNumber(l.ratio),
      formatNumber(l.perStepFactor),
      formatNumber(l.spectralRadius),
      formatNumber(l.maxSingularValue),
      formatNumber(l.meanJacobianNorm),
      l.verdict,
    ];
  });
  const align = header.map((_, i) => (i >= 2 && i <= 9 ? 'right' : 'left') as 'left' | 'right');
  if (report.layers.length === 0) return `${context}\n\nthe model has no recurrent layer\n`;
  const lines = [context, '', formatTable(header, rows, align), ''];
  for (const l of report.layers) {
    const steps = sampleSteps(l.gradNorms.length);
    const norms = steps.map((t) => `t=${t} ${formatNumber(l.gradNorms[t - 1] ?? null)}`).join('  ');
    lines.push(`${l.name}: ‖∂L/∂${l.state}_t‖ ${norms}`);
    lines.push(
      `  W_hh: ${l.weightSource}${l.blocks.length > 1 ? ` (blocks: ${l.blocks.map((b) => `${b.name} ρ ${formatNumber(b.spectralRadius)}`).join(', ')})` : ''}`,
    );
    lines.push(`  mean ‖J‖: ${l.jacobianNote}`);
    lines.push(`  ${l.verdict}: ${l.suggestion}`);
  }
  lines.push(
    '',
    'ratio = ‖∂L/∂h_first‖ / ‖∂L/∂h_last‖ in the direction the layer runs; vanishing below 1e-3, exploding above 1e3.',
  );
  return lines.join('\n') + '\n';
}
