/**
 * One seqlab cell in the page: compile the bench example with the cell's sizes, lower it
 * onto the running tfjs backend and time it with the same `benchmarkModel` as `seqlab bench`.
 */
import { compile } from '@seqlab/compiler';
import { benchmarkModel, lowerModule, type CompiledModel, type Tf } from '@seqlab/tfjs';
import type { CellRequest, CellResult } from '../types.js';

/** Kernels by name of one more training step (with the run's set-up: feeds, one forward). */
async function countKernels(tf: Tf, model: CompiledModel, req: CellRequest) {
  const opts = { batch: req.batch, time: req.time, steps: 1, warmup: 0, seed: req.seed };
  const info = await tf.profile(() => void benchmarkModel(model, opts));
  const counts: Record<string, number> = {};
  for (const k of info.kernels) counts[k.name] = (counts[k.name] ?? 0) + 1;
  return counts;
}

/** Time `req` with seqlab; compile errors come back as the cell's error. */
export async function runSeqlabCell(tf: Tf, source: string, req: CellRequest): Promise<CellResult> {
  const file = `${req.model}.seq`;
  const set = { input_size: req.inputSize, hidden: req.hidden };
  const compiled = compile(source, { file, set });
  if (!compiled.module) {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    const text = errors.map((d) => `${d.code}: ${d.message}`).join('; ');
    return { error: `compile: ${text || 'no module'}` };
  }
  const model = lowerModule(compiled.module, { tf, seed: req.seed });
  try {
    const r = benchmarkModel(model, {
      batch: req.batch,
      time: req.time,
      steps: req.steps,
      warmup: req.warmup,
      seed: req.seed,
    });
    const kernels = req.profile === true ? await countKernels(tf, model, req) : undefined;
    return { msPerStep: r.msPerStep, inferMs: r.inferMs, ...(kernels ? { kernels } : {}) };
  } finally {
    model.dispose();
  }
}
