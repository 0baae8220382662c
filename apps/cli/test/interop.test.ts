/**
 * `seqlab weights / export / run` end to end (in-process, cpu backend): PyTorch names and
 * shapes, seeded safetensors, the PyTorch module on stdout, inference on .npy files, run
 * directories, and the errors for missing, extra and mis-shaped tensors and bad inputs.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { compile } from '@seqlab/compiler';
import { encodeNpy, parseNpy } from '@seqlab/data';
import { decodeSafetensors, encodeSafetensors, loadWeights, lowerModule } from '@seqlab/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const names = join(root, 'examples', 'names.seq');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'seqlab-interop-'));

function writeNpy(path: string, dtype: 'float32' | 'int64', shape: number[], data: number[]) {
  writeFileSync(path, encodeNpy(dtype, shape, data));
  return path;
}

function readNpy(path: string) {
  const parsed = parseNpy(new Uint8Array(readFileSync(path)), path);
  if (parsed.array === undefined) throw new Error(parsed.diagnostics[0]?.message);
  return parsed.array;
}

/** Token ids [2, 5] and lengths [5, 3] for names.seq (vocab 32). */
function nameInputs(dir: string) {
  const ids = [3, 1, 4, 1, 5, 9, 2, 6, 0, 0];
  return {
    ids,
    idsPath: writeNpy(join(dir, 'ids.npy'), 'int64', [2, 5], ids),
    lenPath: writeNpy(join(dir, 'len.npy'), 'int64', [2], [5, 3]),
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('seqlab weights', () => {
  it('lists PyTorch state_dict names and shapes of a .seq file', async () => {
    const r = await seqlab('weights', names);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^gru0\.weight_ih_l0 +\[192, 32\] +6,144$/m);
    expect(r.stdout).toMatch(/^dense0\.weight +\[2, 64\] +128$/m);
    expect(r.stdout).toMatch(/^total +19,970$/m);
  });

  it('--json, with --set', async () => {
    const r = await seqlab('weights', names, '--set', 'hidden=8', '--json');
    const rows = JSON.parse(r.stdout) as { name: string; shape: number[]; params: number }[];
    expect(rows.find((w) => w.name === 'gru0.weight_hh_l0')).toEqual({
      name: 'gru0.weight_hh_l0',
      shape: [24, 8],
      params: 192,
    });
  });
});

describe('seqlab export --to safetensors', () => {
  it('writes seeded weights under the IR names; the seed decides the values', async () => {
    const dir = tmp();
    const a = join(dir, 'a.safetensors');
    const b = join(dir, 'b.safetensors');
    const c = join(dir, 'c.safetensors');
    expect((await seqlab('export', names, '--to', 'safetensors', '-o', a)).code).toBe(0);
    await seqlab('export', names, '--to', 'safetensors', '--seed', '0', '-o', b);
    await seqlab('export', names, '--to', 'safetensors', '--seed', '1', '-o', c);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    const decoded = decodeSafetensors(new Uint8Array(readFileSync(a)));
    if (!decoded.ok) throw new Error(decoded.error);
    expect([...decoded.tensors.keys()].sort()).toEqual([
      'dense0.bias',
      'dense0.weight',
      'embed0.weight',
      'gru0.bias_hh_l0',
      'gru0.bias_ih_l0',
      'gru0.weight_hh_l0',
      'gru0.weight_ih_l0',
    ]);
    const listed = await seqlab('weights', a);
    expect(listed.stdout).toMatch(/^embed0\.weight +\[32, 32\] +1,024$/m);
  });

  it('needs -o, and a known format', async () => {
    expect((await seqlab('export', names, '--to', 'safetensors')).stderr).toMatch(/needs -o/);
    const r = await seqlab('export', names, '--to', 'onnx');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--to onnx: choose safetensors or pytorch/);
  });
});

describe('seqlab export --to pytorch', () => {
  it('prints the module when no -o is given', async () => {
    const r = await seqlab('export', names, '--to', 'pytorch');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('class NameGender(nn.Module):');
    expect(r.stdout).toContain('        self.gru0 = nn.GRU(32, 64, batch_first=True)');
    expect(r.stdout).toContain('    def forward(self, name, lengths=None):');
    expect(r.stdout).toContain('def build_model():');
  });
});

describe('seqlab run', () => {
  it('computes what the in-process model computes, written as .npy', async () => {
    const dir = tmp();
    const weights = join(dir, 'w.safetensors');
    await seqlab('export', names, '--to', 'safetensors', '--seed', '3', '-o', weights);
    const { ids, idsPath, lenPath } = nameInputs(dir);
    const out = join(dir, 'logits.npy');
    const r = await seqlab(
      'run',
      names,
      '--weights',
      weights,
      '--input',
      `name=${idsPath}`,
      '--lengths',
      `T=${lenPath}`,
      '--output',
      out,
      '--backend',
      'cpu',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const got = readNpy(out);
    expect(got.dtype).toBe('float32');
    expect(got.shape).toEqual([2, 2]);

    const module = compile(readFileSync(names, 'utf8')).module;
    if (module === undefined) throw new Error('names.seq does not compile');
    const model = lowerModule(module, { tf });
    expect(loadWeights(model, new Uint8Array(readFileSync(weights)))).toEqual([]);
    const want = model.forward({
      inputs: { name: tf.tensor2d(ids, [2, 5], 'int32') },
      lengths: { T: tf.tensor1d([5, 3], 'int32') },
    })['logits'];
    expect(Array.from(got.data)).toEqual(Array.from(want?.dataSync() ?? []));
    model.dispose();
  });

  it('names the tensor and both shapes when the weights do not fit (exit 1)', async () => {
    const dir = tmp();
    const weights = join(dir, 'small.safetensors');
    await seqlab('export', names, '--to', 'safetensors', '--set', 'hidden=8', '-o', weights);
    const { idsPath } = nameInputs(dir);
    const r = await seqlab('run', names, '--weights', weights, '--input', idsPath);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'tensor gru0.weight_hh_l0 has shape [24, 8] but the model needs [192, 64]',
    );
    expect(r.stderr).toContain('hint: weights made with other hyperparameters need --set');
  });

  it('reports missing and unexpected tensors', async () => {
    const dir = tmp();
    const weights = join(dir, 'odd.safetensors');
    const one = { shape: [2], data: new Float32Array(2) };
    writeFileSync(weights, encodeSafetensors([{ name: 'extra.weight', ...one }]));
    const r = await seqlab('run', names, '--weights', weights, '--input', nameInputs(dir).idsPath);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing tensor embed0.weight (expected shape [32, 32])');
    expect(r.stderr).toContain('unexpected tensor extra.weight');
  });

  it('rejects bad inputs with the file and the reason (exit 2)', async () => {
    const dir = tmp();
    const weights = join(dir, 'w.safetensors');
    await seqlab('export', names, '--to', 'safetensors', '-o', weights);
    const floats = writeNpy(join(dir, 'f.npy'), 'float32', [1, 2], [1, 2]);
    const big = writeNpy(join(dir, 'big.npy'), 'int64', [1, 2], [1, 40]);
    const flat = writeNpy(join(dir, 'flat.npy'), 'int64', [2], [1, 2]);
    const cases: [string[], RegExp][] = [
      [[], /missing --input name=FILE\.npy \(\[B, T\]\)/],
      [['--input', `x=${floats}`], /--input x: the model has no such input; it has name/],
      [['--input', floats], /takes integer token ids \(int32 or int64\); the file holds float32/],
      [['--input', big], /token id 40 at flat index 1; ids must be in 0\.\.31/],
      [['--input', flat], /input name is \[B, T\] int but the file has shape \(2\)/],
      [['--input', join(dir, 'nope.npy')], /nope\.npy: no such file/],
    ];
    for (const [args, message] of cases) {
      const r = await seqlab('run', names, '--weights', weights, '--backend', 'cpu', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('seqlab run on sequences of length one', () => {
  it('last with lengths at T = 1 (B = 1 and B = 2) equals the unpadded run', async () => {
    const dir = tmp();
    const weights = join(dir, 'w.safetensors');
    await seqlab('export', names, '--to', 'safetensors', '--seed', '2', '-o', weights);
    const logits = async (ids: number[], lengths?: number[]) => {
      const idsPath = writeNpy(join(dir, 'ids.npy'), 'int64', [ids.length, 1], ids);
      const out = join(dir, 'out.npy');
      const lens =
        lengths === undefined
          ? []
          : [
              '--lengths',
              `T=${writeNpy(join(dir, 'len.npy'), 'int64', [lengths.length], lengths)}`,
            ];
      const r = await seqlab(
        'run',
        names,
        '--weights',
        weights,
        '--input',
        `name=${idsPath}`,
        ...lens,
        '--output',
        out,
        '--backend',
        'cpu',
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return Array.from(readNpy(out).data);
    };
    const alone = await logits([7]);
    expect(alone).toHaveLength(2);
    expect(await logits([7], [1])).toEqual(alone);
    expect(await logits([7, 7], [1, 1])).toEqual([...alone, ...alone]);
  });

  it('an input with no steps is refused (exit 2), not answered with NaN', async () => {
    const dir = tmp();
    const weights = join(dir, 'w.safetensors');
    await seqlab('export', names, '--to', 'safetensors', '-o', weights);
    const empty = writeNpy(join(dir, 'empty.npy'), 'int64', [1, 0], []);
    const r = await seqlab('run', names, '--weights', weights, '--input', empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `seqlab: ${empty}: input name has 0 steps along T; a sequence needs at least one\n`,
    );
  });

  it('a sequence shorter than a valid window is a usage error that names the layer (exit 2)', async () => {
    const dir = tmp();
    const seq = join(dir, 'conv.seq');
    writeFileSync(
      seq,
      'model C {\n  input x: [B, T, 3]\n  x |> conv1d(4, 3, padding = "valid") |> mean_over_time -> y\n  output y\n}\n',
    );
    const weights = join(dir, 'w.safetensors');
    expect((await seqlab('export', seq, '--to', 'safetensors', '-o', weights)).code).toBe(0);
    for (const backend of ['cpu', 'wasm']) {
      for (const steps of [1, 2]) {
        const x = writeNpy(join(dir, 'x.npy'), 'float32', [1, steps, 3], Array(steps * 3).fill(0));
        const r = await seqlab(
          'run',
          seq,
          '--weights',
          weights,
          '--input',
          x,
          '--backend',
          backend,
        );
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          `seqlab: conv1d 'conv1d0' (padding "valid") needs at least 3 steps at its input but gets ${steps}; give longer sequences, or use padding "same" or "causal"\n`,
        );
      }
      const x3 = writeNpy(join(dir, 'x.npy'), 'float32', [1, 3, 3], Array(9).fill(0));
      const ok = await seqlab(
        'run',
        seq,
        '--weights',
        weights,
        '--input',
        x3,
        '--backend',
        backend,
      );
      expect(ok.code).toBe(0);
    }
  });
});

describe('run directories', () => {
  /** A run directory as `seqlab train` leaves it (the parts these commands read). */
  async function fakeRun(set: string[]): Promise<string> {
    const dir = join(tmp(), 'run');
    mkdirSync(dir);
    const ir = await seqlab('inspect', names, '--ir', ...set);
    writeFileSync(join(dir, 'model.ir.json'), ir.stdout);
    await seqlab(
      'export',
      names,
      '--to',
      'safetensors',
      ...set,
      '-o',
      join(dir, 'weights.safetensors'),
    );
    return dir;
  }

  it('run, weights and export read the run', async () => {
    const run = await fakeRun(['--set', 'vocab=40']);
    const { idsPath } = nameInputs(tmp());
    const r = await seqlab('run', run, '--input', idsPath, '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^logits: \(2, 2\) \[/);
    expect((await seqlab('weights', run)).stdout).toMatch(/^embed0\.weight +\[40, 32\]/m);
    const py = await seqlab('export', run, '--to', 'pytorch');
    expect(py.stdout).toContain('self.embed0 = nn.Embedding(40, 32)');
    const seeded = await seqlab('export', run, '--to', 'safetensors', '--seed', '1', '-o', 'x');
    expect(seeded.stderr).toMatch(/--seed applies to \.seq files/);
  });

  it("a .seq file run with a run's weights takes the run's hyperparameters", async () => {
    const run = await fakeRun(['--set', 'vocab=40']);
    const { idsPath } = nameInputs(tmp());
    const r = await seqlab('run', names, '--weights', run, '--input', idsPath, '--backend', 'cpu');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
