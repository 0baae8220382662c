/**
 * `exportPytorch` on every example: the generated module's structure (class, constructor
 * per layer with the IR's sizes, forward signature in declared order, build_model), golden
 * files for two examples, Python syntax when python3 exists, and, where python3-torch is
 * installed (not in CI), the real thing: PyTorch loads seqlab's weights with
 * load_state_dict(strict=True) and its forward agrees with seqlab's within 1e-4.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { compile } from '@seqlab/compiler';
import { encodeNpy } from '@seqlab/data';
import { exportPytorch } from '@seqlab/export-pytorch';
import type { IrModule } from '@seqlab/ir';
import { lowerModule, saveWeights } from '@seqlab/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.seq'))
  .sort();

function moduleOf(file: string): IrModule {
  const path = join(root, 'examples', file);
  const r = compile(readFileSync(path, 'utf8'), { file: path });
  if (r.module === undefined) throw new Error(`${file} does not compile`);
  return r.module;
}

function codeOf(file: string): string {
  const r = exportPytorch(moduleOf(file), { source: `examples/${file}` });
  if (!r.ok) throw new Error(`${file}: ${r.error}`);
  return r.code;
}

function python(args: string[]): boolean {
  return spawnSync('/usr/bin/python3', args, { stdio: 'ignore' }).status === 0;
}
const hasPython = existsSync('/usr/bin/python3') && python(['-c', 'pass']);
const hasTorch = hasPython && python(['-c', 'import torch, numpy']);
// The committed fixtures already carry PyTorch's numbers; running the exported modules in
// PyTorch itself needs Debian's python3-torch. Say so whenever that part cannot run.
if (!hasPython)
  console.warn(
    'export-pytorch.test: /usr/bin/python3 missing: Python syntax and PyTorch checks SKIPPED',
  );
else if (!hasTorch) {
  console.warn(
    'export-pytorch.test: python3-torch missing (apt-get install python3-torch): PyTorch run checks SKIPPED',
  );
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(examples)('export %s', (file) => {
  it('has the model class, one module per layer and the declared signature', () => {
    const m = moduleOf(file);
    const code = codeOf(file);
    expect(code).toContain(`class ${m.model}(nn.Module):`);
    expect(code).toContain(`def build_model():\n`);
    expect(code).toContain(`    return ${m.model}()`);
    const params = m.inputs.map((p) => p.name).join(', ');
    expect(code).toMatch(new RegExp(`def forward\\(self, ${params}[,)]`));
    expect(code).toContain(`return ${m.outputs.map((p) => p.name).join(', ')}\n`);
    for (const node of m.graph.nodes) {
      const shape = (role: string) => m.params[node.params[role] ?? '']?.shape ?? [];
      if (node.op === 'gru' || node.op === 'lstm' || node.op === 'rnn') {
        const cls = node.op === 'rnn' ? 'RNN' : node.op.toUpperCase();
        const head = `self.${node.name} = nn.${cls}(${shape('weight_ih_l0')[1]}, ${node.attrs['hidden']}`;
        expect(code).toContain(head);
      } else if (node.op === 'dense') {
        const [out, inp] = shape('weight');
        expect(code).toContain(`self.${node.name} = nn.Linear(${inp}, ${out}`);
      } else if (node.op === 'embed') {
        const [v, d] = shape('weight');
        expect(code).toContain(`self.${node.name} = nn.Embedding(${v}, ${d}`);
      } else if (node.op === 'conv1d') {
        const [out, inp, k] = shape('weight');
        expect(code).toContain(`self.${node.name} = nn.Conv1d(${inp}, ${out}, ${k}`);
        expect(code).toContain(`.transpose(1, 2)`);
      }
    }
    for (const p of Object.values(m.params)) {
      const owner = m.graph.nodes.find((n) => Object.values(n.params).includes(p.name));
      if (owner?.op === 'scan') {
        const name = p.name.slice(p.name.indexOf('.') + 1);
        expect(code).toContain(`self.${name} = nn.Parameter(torch.empty(${p.shape.join(', ')}))`);
      }
    }
  });
});

describe('golden modules', () => {
  it.each(['names.seq', 'lstm-cell.seq', 'cnn1d.seq'])('%s', (file) => {
    const golden = join(here, 'golden', file.replace(/\.seq$/, '.py'));
    const code = codeOf(file);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, code);
    expect(code).toBe(readFileSync(golden, 'utf8'));
  });
});

describe.skipIf(!hasPython)('the generated Python', () => {
  it('compiles (python3 -m py_compile) for every example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-export-'));
    const files = examples.map((f) => {
      const path = join(dir, f.replace(/\.seq$/, '.py'));
      writeFileSync(path, codeOf(f));
      return path;
    });
    expect(() => execFileSync('/usr/bin/python3', ['-m', 'py_compile', ...files])).not.toThrow();
  });
});

/** Random inputs for `m` at B = 3 (time dims 7, 9, ...) with padded lengths. */
function randomFeeds(m: IrModule, seed: number) {
  let state = seed;
  const rand = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const sizes = new Map<string, number>([['B', 3]]);
  const inputs: Record<string, { dtype: 'float32' | 'int64'; shape: number[]; data: number[] }> =
    {};
  for (const port of m.inputs) {
    const type = m.graph.values[port.value]?.type;
    if (type === undefined) throw new Error(`no type for ${port.name}`);
    const shape = type.shape.map((d) => {
      if (typeof d === 'number') return d;
      if (!sizes.has(d)) sizes.set(d, 5 + 2 * sizes.size);
      return sizes.get(d) ?? 1;
    });
    const n = shape.reduce((a, b) => a * b, 1);
    const int = type.dtype === 'int32';
    const data = Array.from({ length: n }, () =>
      int ? Math.floor(rand() * (type.vocab ?? 2)) : Math.fround(rand() * 4 - 2),
    );
    inputs[port.name] = { dtype: int ? 'int64' : 'float32', shape, data };
  }
  const lengths: Record<string, number[]> = {};
  for (const symbol of Object.keys(m.graph.lengths ?? {})) {
    const steps = sizes.get(symbol) ?? 1;
    lengths[symbol] = [steps, 1 + Math.floor(rand() * steps), 1];
  }
  return { inputs, lengths };
}

describe.skipIf(!hasTorch)('PyTorch runs the generated modules (python3-torch present)', () => {
  it('loads seqlab weights strictly and agrees with seqlab within 1e-4 on every example', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-torch-'));
    const jobs: unknown[] = [];
    for (const [k, file] of examples.entries()) {
      const m = moduleOf(file);
      const base = join(dir, file.replace(/\.seq$/, ''));
      writeFileSync(`${base}.py`, codeOf(file));
      const model = lowerModule(m, { tf, seed: k });
      writeFileSync(`${base}.safetensors`, await saveWeights(model));
      const { inputs, lengths } = randomFeeds(m, k + 1);
      const feeds = {
        inputs: Object.fromEntries(
          Object.entries(inputs).map(([n, a]) => [
            n,
            tf.tensor(a.data, a.shape, a.dtype === 'int64' ? 'int32' : 'float32'),
          ]),
        ),
        lengths: Object.fromEntries(
          Object.entries(lengths).map(([s, l]) => [s, tf.tensor1d(l, 'int32')]),
        ),
      };
      const outputs = model.forward(feeds);
      const files: Record<string, string> = {};
      for (const [name, a] of Object.entries(inputs)) {
        files[name] = `${base}.in.${name}.npy`;
        writeFileSync(files[name], encodeNpy(a.dtype, a.shape, a.data));
      }
      const lengthFiles: Record<string, string> = {};
      for (const [symbol, l] of Object.entries(lengths)) {
        lengthFiles[symbol] = `${base}.len.${symbol}.npy`;
        writeFileSync(lengthFiles[symbol], encodeNpy('int64', [l.length], l));
      }
      const outFiles = m.outputs.map((p) => {
        const t = outputs[p.name] as tf.Tensor;
        const path = `${base}.out.${p.name}.npy`;
        writeFileSync(path, encodeNpy('float32', t.shape, t.dataSync()));
        return path;
      });
      jobs.push({
        file,
        module: `${base}.py`,
        weights: `${base}.safetensors`,
        inputs: m.inputs.map((p) => files[p.name]),
        lengths: lengthFiles,
        outputs: outFiles,
      });
      tf.dispose([...Object.values(outputs), ...Object.values(feeds.inputs)]);
      tf.dispose(Object.values(feeds.lengths));
      model.dispose();
    }
    const jobsPath = join(dir, 'jobs.json');
    writeFileSync(jobsPath, JSON.stringify(jobs));
    const out = execFileSync('/usr/bin/python3', [join(here, 'compare_exports.py'), jobsPath], {
      encoding: 'utf8',
    });
    const results = JSON.parse(out) as { file: string; error: number }[];
    expect(results).toHaveLength(examples.length);
    for (const r of results) expect(r.error, r.file).toBeLessThanOrEqual(1e-4);
  }, 120_000);
});
