/**
 * `diagnoseGradients`: per recurrent layer, ‖∂L/∂h_t‖ at every step (autodiff through probes),
 * the spectrum of its recurrent matrix, the mean step-Jacobian norm, a verdict and a
 * suggestion. Works for any compiled model: built-in rnn/lstm/gru (every layer and
 * direction) and user cells.
 */
import { recurrenceOf, type IrModule, type Node } from '@seqlab/ir';
import type { CompiledModel, Feeds } from '../types.js';
import { spectralRadius } from './eigenvalues.js';
import { meanJacobianNorm } from './jacobian.js';
import { layerSites, recurrentLayers, type RecurrentLayer } from './layers.js';
import { diagnosticLoss } from './loss.js';
import { probeStateGradients, type ProbeResult } from './probe.js';
import { recurrenceWeights, type RecurrenceWeights } from './recurrent-weights.js';
import { maxSingularValue } from './singular.js';
import type { DiagnoseOptions, GradReport, LayerReport, LossAt, WeightBlock } from './types.js';
import { suggestionFor, verdictOf } from './verdict.js';

type Real = (b: number, t: number) => boolean;

/** Which (example, step) pairs of `node` are real, from the fed lengths of its time axis. */
function realSteps(module: IrModule, node: Node, feeds: Feeds): Real {
  const symbol = Object.entries(module.graph.lengths ?? {}).find(
    ([, id]) => id === node.lengths,
  )?.[0];
  const lengths = symbol === undefined ? undefined : feeds.lengths?.[symbol];
  if (lengths === undefined) return () => true;
  const lens = Array.from(lengths.dataSync());
  return (b, t) => t < (lens[b] ?? Infinity);
}

/** Root mean square over the real examples of the per-example norm, per step. */
function stepNorms(
  probe: ProbeResult,
  keys: readonly string[],
  steps: number,
  real: Real,
): number[] {
  return Array.from({ length: steps }, (_, t) => {
    let sum = 0;
    let count = 0;
    for (let b = 0; b < probe.batch; b++) {
      if (!real(b, t)) continue;
      count++;
      for (const key of keys) {
        const g = probe.grads.get(key)?.[t];
        if (!g) continue;
        const width = g.length / probe.batch;
        for (let i = b * width; i < (b + 1) * width; i++) sum += (g[i] ?? 0) ** 2;
      }
    }
    return count === 0 ? 0 : Math.sqrt(sum / count);
  });
}

function blockReport(name: string, m: RecurrenceWeights['blocks'][number]['matrix']): WeightBlock {
  return { name, spectralRadius: spectralRadius(m), maxSingularValue: maxSingularValue(m) };
}

const JACOBIAN_NOTE = {
  tanh: 'mean over examples and steps of ‖diag(1 − h_t²) W_hh‖₂ (exact step Jacobian)',
  relu: 'mean over examples and steps of ‖diag(1[h_t > 0]) W_hh‖₂ (exact step Jacobian)',
  gated:
    'not computed: a gated step Jacobian mixes every block with the gates; per_step_factor is the measured average',
  cell: "not computed: the cell's new state is not tanh/relu of a sum with one recurrent term",
  off: 'not computed (jacobian: false)',
};

/**
 * Spectral radius and largest singular value of the recurrent matrix (`main`), or without
 * one the largest over its blocks; nulls when no recurrent weight was found.
 */
function weightSpectrum(
  weights: RecurrenceWeights | null,
  blocks: readonly WeightBlock[],
): { spectral: number | null; sigma: number | null } {
  if (weights?.main) {
    return { spectral: spectralRadius(weights.main), sigma: maxSingularValue(weights.main) };
  }
  if (blocks.length > 0) {
    return {
      spectral: Math.max(...blocks.map((b) => b.spectralRadius ?? NaN)),
      sigma: Math.max(...blocks.map((b) => b.maxSingularValue)),
    };
  }
  return { spectral: null, sigma: null };
}

/** The mean step-Jacobian norm where it is exact (tanh/relu of one recurrent term), and why not. */
function jacobianReport(
  layer: RecurrentLayer,
  weights: RecurrenceWeights | null,
  hKey: string | undefined,
  probe: ProbeResult,
  opts: DiagnoseOptions,
  real: Real,
): { meanJacobian: number | null; jacobianNote: string } {
  const notComputed =
    recurrenceOf(layer.node.op)?.gated === true ? JACOBIAN_NOTE.gated : JACOBIAN_NOTE.cell;
  if (!(weights?.activation && weights.main && hKey !== undefined)) {
    return { meanJacobian: null, jacobianNote: notComputed };
  }
  if (opts.jacobian === false) return { meanJacobian: null, jacobianNote: JACOBIAN_NOTE.off };
  const states = probe.states.get(hKey) ?? [];
  return {
    meanJacobian: meanJacobianNorm(weights.main, states, probe.batch, weights.activation, real),
    jacobianNote: JACOBIAN_NOTE[weights.activation],
  };
}

function layerReport(
  model: CompiledModel,
  layer: RecurrentLayer,
  probe: ProbeResult,
  opts: DiagnoseOptions,
  lossAt: LossAt | 'first',
): LayerReport | null {
  const sites = layerSites(layer);
  const present = [...sites].filter(([, key]) => probe.grads.has(key));
  if (present.length === 0) return null;
  const hKey = sites.get('h') ?? (present.length === 1 ? present[0]?.[1] : undefined);
  const reportKeys = hKey !== undefined ? [hKey] : present.map(([, k]) => k);
  const state =
    hKey !== undefined
      ? (present.find(([, k]) => k === hKey)?.[0] ?? 'h')
      : present.map(([s]) => s).join('+');
  const grads = probe.grads.get(reportKeys[0] ?? '') ?? [];
  let steps = 0;
  grads.forEach((g, t) => {
    if (g !== null) steps = t + 1;
  });
  const real = realSteps(model.module, layer.node, opts.feeds);
  const gradNorms = stepNorms(probe, reportKeys, steps, real);
  const width = (probe.shapes.get(reportKeys[0] ?? '') ?? []).slice(1).reduce((a, b) => a * b, 1);

  const forward = layer.direction === 'forward';
  const first = gradNorms[forward ? 0 : steps - 1] ?? 0;
  const last = gradNorms[forward ? steps - 1 : 0] ?? 0;
  // No gradient where the recurrence ends (a reverse direction read through `last`): no ratio.
  const ratio = last === 0 ? null : first / last;
  const perStepFactor =
    ratio !== null && Number.isFinite(ratio) && ratio > 0 && steps > 1
      ? ratio ** (1 / (steps - 1))
      : null;

  const weights = recurrenceWeights(model, layer, width);
  const blocks = (weights?.blocks ?? []).map((b) => blockReport(b.name, b.matrix));
  const { spectral, sigma } = weightSpectrum(weights, blocks);
  const { meanJacobian, jacobianNote } = jacobianReport(layer, weights, hKey, probe, opts, real);
  const verdict = verdictOf(ratio);
  const stateGradNorms =
    layer.op === 'scan' && present.length > 1
      ? Object.fromEntries(present.map(([s, key]) => [s, stepNorms(probe, [key], steps, real)]))
      : undefined;
  const cell = layer.node.attrs['cell'];
  return {
    name: layer.name,
    node: layer.node.id,
    op: layer.op,
    ...(typeof cell === 'string' ? { cell } : {}),
    layer: layer.layer,
    direction: layer.direction,
    hidden: width,
    state,
    lossAt,
    gradNorms,
    ...(stateGradNorms ? { stateGradNorms } : {}),
    ratio,
    perStepFactor,
    spectralRadius: spectral !== null && Number.isFinite(spectral) ? spectral : null,
    maxSingularValue: sigma,
    weightSource: weights?.source ?? 'unknown: no recurrent term found in the cell',
    blocks,
    meanJacobianNorm: meanJacobian,
    jacobianNote,
    verdict,
    suggestion: suggestionFor(verdict, layer.op, ratio),
  };
}

/**
 * Diagnose gradient flow through every recurrent layer of `model` on one batch.
 * Synchronous: it reads gradients back (one sync per probed state).
 */
export function diagnoseGradients(model: CompiledModel, opts: DiagnoseOptions): GradReport {
  const { tf, module } = model;
  const at = opts.lossAt ?? 'last';
  const outName = opts.output ?? module.outputs[0]?.name;
  const port = module.outputs.find((p) => p.name === outName);
  if (port === undefined)
    throw new Error(`diagnoseGradients: the model has no output '${String(outName)}'`);
  const type = module.graph.values[port.value]?.type;
  const symbol = type && type.shape.length >= 3 ? type.shape[1] : undefined;
  const outLengths = typeof symbol === 'string' ? opts.feeds.lengths?.[symbol] : undefined;
  const spec = opts.loss ?? { kind: 'projection' as const };
  const run = (where: LossAt | 'first'): ProbeResult =>
    probeStateGradients(model, opts.feeds, (outputs) => {
      const y = outputs[port.name];
      if (y === undefined) throw new Error(`diagnoseGradients: forward gave no '${port.name}'`);
      return diagnosticLoss(tf, y, spec, where, outLengths, opts.seed ?? 0);
    });
  const probe = run(at);
  const recurrent = recurrentLayers(module);
  // A reverse direction ends at t = 1: "the loss on its last step" is the loss at step 1.
  const reversed =
    at === 'last' && typeof symbol === 'string' && recurrent.some((l) => l.direction === 'reverse')
      ? run('first')
      : null;
  const layers = recurrent
    .map((l) =>
      l.direction === 'reverse' && reversed !== null
        ? layerReport(model, l, reversed, opts, 'first')
        : layerReport(model, l, probe, opts, at),
    )
    .filter((l): l is LayerReport => l !== null);
  const steps = Math.max(0, ...layers.map((l) => l.gradNorms.length));
  return { lossAt: at, steps, batch: probe.batch, layers };
}
