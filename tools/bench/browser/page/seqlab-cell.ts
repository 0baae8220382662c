/**
 * One seqlab cell in the page: compile the bench example with the cell's sizes, lower it
 * onto the running tfjs backend and time it with the same `benchmarkModel` as `seqlab bench`.
 */
import { compile } from '@seqlab/compiler';
import { benchmarkModel, lowerModule, type Tf } from '@seqlab/tfjs';
import type { CellRequest, CellResult } from '../types.js';

/** Time `req` with seqlab; compile errors come back as the cell's error. */
export function runSeqlabCell(tf: Tf, source: string, req: CellRequest): CellResult {
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
    return { msPerStep: r.msPerStep, inferMs: r.inferMs };
  } finally {
    model.dispose();
  }
}
