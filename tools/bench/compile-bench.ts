/**
 * How fast does the compiler turn a 200-line `.seq` file into verified IR? The playground
 * recompiles on every keystroke, so warm compiles must stay well under 20 ms.
 *
 * Run: npm run bench:compile   (prints a table of medians; nothing is asserted)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '@seqlab/compiler';
import { parse } from '@seqlab/syntax';
import { median } from '@seqlab/tfjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A realistic file of at least `lines` lines: whole blocks of a cell and a model. */
function bigSource(lines: number): string {
  const parts: string[] = [];
  let k = 0;
  while (parts.join('\n').split('\n').length < lines) {
    parts.push(`# block ${k}
cell Cell${k}(hidden) {
  param W: [4 * hidden, in]
  param U: [4 * hidden, hidden]
  param b: [4 * hidden] = zeros
  state h: [hidden] = zeros
  state c: [hidden] = zeros
  i, f, g, o = split(W @ x + U @ h + b, 4)
  c = sigmoid(f) * c + sigmoid(i) * tanh(g)
  h = sigmoid(o) * tanh(c)
  emit h
}

model Model${k}(vocab = 100, hidden = 64) {
  input tokens: [B, T] int < vocab
  input feats: [B, T, 8]
  e = tokens |> embed(32)
  c = feats |> conv1d(32, 3) |> relu |> conv1d(32, 3, dilation = 2) |> relu
  [e, c] |> concat |> bidirectional(gru(hidden)) |> Cell${k}(hidden) -> states
  states |> last |> dense(10) -> logits
  output logits
}
`);
    k++;
  }
  return parts.join('\n');
}

function time(fn: () => void, runs: number): number {
  for (let i = 0; i < 20; i++) fn(); // warm up the JIT and chevrotain's caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const big = bigSource(200);
const rows: [string, number, number, number][] = [];
const bigCheck = check(big, { file: 'bench.seq' });
if (bigCheck.diagnostics.some((d) => d.severity === 'error')) {
  throw new Error(`benchmark source does not compile: ${bigCheck.diagnostics[0]?.message}`);
}
rows.push([
  `${big.split('\n').length}-line file (parse only)`,
  big.split('\n').length,
  time(() => parse(big, 'bench.seq'), 100),
  0,
]);
rows.push([
  `${big.split('\n').length}-line file (check: all models)`,
  big.split('\n').length,
  time(() => check(big, { file: 'bench.seq' }), 100),
  0,
]);
for (const f of readdirSync(join(root, 'examples'))
  .filter((x) => x.endsWith('.seq'))
  .sort()) {
  const text = readFileSync(join(root, 'examples', f), 'utf8');
  rows.push([
    `examples/${f}`,
    text.split('\n').length,
    time(() => check(text, { file: f }), 100),
    0,
  ]);
}

const pad = (s: string, n: number): string => s.padEnd(n);
console.log(
  `compile time, median of 100 warm runs (node ${process.version}, ${process.platform}/${process.arch})`,
);
console.log(`command: npm run bench:compile\n`);
console.log(`${pad('source', 40)}  ${'lines'.padStart(5)}  ${'ms'.padStart(7)}`);
console.log(`${'-'.repeat(40)}  -----  -------`);
for (const [name, lines, ms] of rows) {
  console.log(`${pad(name, 40)}  ${String(lines).padStart(5)}  ${ms.toFixed(3).padStart(7)}`);
}
