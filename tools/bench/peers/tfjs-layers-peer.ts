/**
 * Times one bench cell with tfjs-layers the way `seqlab bench` times seqlab: median ms of
 * `model.trainOnBatch(x, y)` (forward, backward, Adam update; it awaits the loss, so the
 * step has really run) and of `model.predict(x)` with `dataSync()`, after warm-up, over
 * seeded random inputs `[B, T, D]` and fixed class ids (the values do not change the cost).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BenchModel, SizeConfig, SizeName, StepPlan } from '../rows.js';
import { median } from '@seqlab/tfjs';
import { registerChainedOps } from './chained-ops.js';
import type { PeerLine } from './peer-json.js';
import { buildLayersModel, CLASSES } from './tfjs-layers-models.js';

/** One cell to time. */
export interface LayersCell {
  readonly model: BenchModel;
  readonly size: SizeName;
  readonly config: SizeConfig;
  readonly plan: StepPlan;
}

const round = (x: number): number => Number(x.toFixed(3));

/** First line of an error, for a table cell. */
function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0] ?? msg;
}

/**
 * Time `cell` on the backend `tf` is running (`backend` is only recorded). A model that
 * cannot train there (tfjs-layers' conv1d on wasm) gives a line with `error`, not a throw.
 */
export async function benchLayersCell(
  tf: typeof tfc,
  layers: typeof tfl,
  backend: string,
  cell: LayersCell,
): Promise<PeerLine> {
  registerChainedOps(tf);
  const { batch, time, input, hidden } = cell.config;
  const head = {
    engine: 'tfjs-layers',
    runtime: 'node',
    backend,
    model: cell.model,
    size: cell.size,
    batch,
    time,
    input,
    hidden,
    steps: cell.plan.steps,
    warmup: cell.plan.warmup,
  } as const;
  const x = tf.randomNormal([batch, time, input], 0, 1, 'float32', 1);
  // Class ids as a float [B, 1] column: what Keras-style sparse cross-entropy expects.
  const ids = Array.from({ length: batch }, (_, i) => (i * 7 + 3) % CLASSES);
  const y = tf.tensor2d(ids, [batch, 1], 'float32');
  let net: tfl.Sequential | undefined;
  try {
    net = buildLayersModel(tf, layers, cell.model, cell.config);
    const params = net.countParams();
    const stepMs: number[] = [];
    for (let i = 0; i < cell.plan.warmup + cell.plan.steps; i++) {
      const t0 = performance.now();
      await net.trainOnBatch(x, y);
      if (i >= cell.plan.warmup) stepMs.push(performance.now() - t0);
    }
    const inferMs: number[] = [];
    for (let i = 0; i < cell.plan.warmup + cell.plan.steps; i++) {
      const t0 = performance.now();
      const out = net.predict(x) as tfc.Tensor;
      out.dataSync();
      if (i >= cell.plan.warmup) inferMs.push(performance.now() - t0);
      out.dispose();
    }
    return {
      ...head,
      params,
      ms_per_step: round(median(stepMs)),
      infer_ms: round(median(inferMs)),
      step_ms_all: stepMs.map(round),
      infer_ms_all: inferMs.map(round),
    };
  } catch (e) {
    return { ...head, error: firstLine(e) };
  } finally {
    // The optimizer's slots are not the model's weights: dispose both.
    net?.optimizer?.dispose();
    net?.dispose();
    tf.dispose([x, y]);
  }
}
