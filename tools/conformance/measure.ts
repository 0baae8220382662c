/**
 * Prints seqlab's agreement with the PyTorch fixtures, case by case, on one backend:
 *   npx tsx tools/conformance/measure.ts [cpu|wasm] [case ...]
 */
import { setupBackend } from '@seqlab/backend-node';
import { checkRun } from './check-case.js';
import { readManifest } from './fixtures.js';

const [backend = 'cpu', ...only] = process.argv.slice(2);
const ready = await setupBackend(backend);
if (!ready.ok) throw new Error(ready.message);
const manifest = readManifest();
let worstOut = 0;
let worstGrad = 0;
for (const c of manifest.cases) {
  if (only.length > 0 && !only.includes(c.name)) continue;
  const started = performance.now();
  let out = 0;
  let grad = 0;
  let where = '';
  for (const run of c.runs) {
    const r = checkRun(ready.tf, c, run);
    if (r.outputError > out) out = r.outputError;
    if (r.gradError > grad) {
      grad = r.gradError;
      where = `${run.file} ${r.worstGrad}`;
    }
  }
  worstOut = Math.max(worstOut, out);
  worstGrad = Math.max(worstGrad, grad);
  const ms = (performance.now() - started).toFixed(0);
  console.log(
    `${c.name.padEnd(22)} out ${out.toExponential(1)}  grad ${grad.toExponential(1)}  ${ms.padStart(5)} ms  ${where}`,
  );
}
console.log(
  `${backend}: worst output error ${worstOut.toExponential(1)}, worst gradient error ${worstGrad.toExponential(1)}`,
);
