/**
 * Runs one conformance fixture through seqlab on the current tfjs backend in Node: reads the
 * case's files from fixtures/ and checks the run with check-run.ts (compile, load PyTorch's
 * weights, forward pass and the fixed loss's gradients). Returns the worst output and
 * gradient errors against PyTorch's answers.
 */
import type { Tf } from '@seqlab/tfjs';
import { checkRunFiles, type RunLowering, type RunResult } from './check-run.js';
import { caseSource, caseWeights, runTensors, type CaseEntry, type RunEntry } from './fixtures.js';

export type { RunResult } from './check-run.js';

/**
 * Runs `run` of case `c` on `tf`'s current backend; `lowering` picks the recurrences'
 * gradient and the kernels (default: what seqlab uses).
 */
export function checkRun(
  tf: Tf,
  c: CaseEntry,
  run: RunEntry,
  lowering: RunLowering = {},
): RunResult {
  const files = { source: caseSource(c), weights: caseWeights(c), tensors: runTensors(c, run) };
  return checkRunFiles(tf, c, run, files, lowering);
}
