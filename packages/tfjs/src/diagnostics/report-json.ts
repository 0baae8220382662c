/**
 * The report as the JSON `seqlab grad --json` prints (snake_case keys, as in the issue):
 * `{ "layers": [{ "name", "grad_norms": [t = 1..T], "spectral_radius", "verdict", ... }] }`.
 * Non-finite numbers (an infinite ratio) become null, since JSON has no Infinity.
 */
import type { GradReport, LayerReport } from './types.js';

const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

/** One layer as a plain JSON object. */
export function layerJson(l: LayerReport): Record<string, unknown> {
  return {
    name: l.name,
    op: l.op,
    ...(l.cell !== undefined ? { cell: l.cell } : {}),
    layer: l.layer,
    direction: l.direction,
    hidden: l.hidden,
    state: l.state,
    loss_at: l.lossAt,
    grad_norms: l.gradNorms,
    ...(l.stateGradNorms ? { state_grad_norms: l.stateGradNorms } : {}),
    ratio: finite(l.ratio),
    per_step_factor: finite(l.perStepFactor),
    spectral_radius: finite(l.spectralRadius),
    max_singular_value: finite(l.maxSingularValue),
    weight_source: l.weightSource,
    blocks: l.blocks.map((b) => ({
      name: b.name,
      spectral_radius: finite(b.spectralRadius),
      max_singular_value: finite(b.maxSingularValue),
    })),
    mean_jacobian_norm: finite(l.meanJacobianNorm),
    jacobian_note: l.jacobianNote,
    verdict: l.verdict,
    suggestion: l.suggestion,
  };
}

/** The whole report: `{ "layers": [...] }`, each layer also saying where the loss was read. */
export function gradReportJson(report: GradReport): { layers: Record<string, unknown>[] } {
  return {
    layers: report.layers.map((l) => ({
      ...layerJson(l),
      steps: l.gradNorms.length,
      batch: report.batch,
    })),
  };
}
