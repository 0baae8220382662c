import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BenchJson } from '../src/commands/bench.js';
import { seqlab } from './run-cli.js';

const tiny = ['--batch', '2', '--time', '3', '--steps', '3', '--warmup', '1', '--backend', 'cpu'];

describe('seqlab bench', () => {
  it.each(['rnn', 'lstm', 'gru', 'cnn'])(
    'times examples/bench/%s.seq and prints the JSON the issue asks for',
    async (name) => {
      const run = await seqlab('bench', `examples/bench/${name}.seq`, ...tiny, '--json');
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as BenchJson;
      expect(json.backend).toBe('cpu');
      expect(json.batch).toBe(2);
      expect(json.time).toBe(3);
      expect(json.step_ms_all).toHaveLength(3);
      expect(json.ms_per_step).toBeGreaterThan(0);
      expect(json.infer_ms).toBeGreaterThan(0);
      // The median is one of the three samples, between the smallest and the largest.
      expect(json.step_ms_all.map((x) => x.toFixed(3))).toContain(json.ms_per_step.toFixed(3));
      expect(json.leaked_tensors).toBe(0);
      expect(json.params).toBeGreaterThan(0);
    },
  );

  // Issue 15: every `loss = mse` model crashed (the targets were always class ids).
  it('trains with the loss of the train block (mse: float targets)', async () => {
    const run = await seqlab('bench', 'examples/adding-lstm.seq', ...tiny, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as BenchJson;
    expect(json.loss).toBe('mse');
    expect(json.ms_per_step).toBeGreaterThan(0);
  });

  it('refuses a model with no parameters, saying why', async () => {
    const run = await seqlab('bench', 'examples/scalar.seq', ...tiny);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ScalarRNN has no parameters/);
  });

  // scalar.seq (the textbook cell with a fixed weight) has nothing to train.
  it.each(readdirSync('examples').filter((f) => f.endsWith('.seq') && f !== 'scalar.seq'))(
    'benches examples/%s',
    async (name) => {
      const run = await seqlab('bench', `examples/${name}`, ...tiny, '--json');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as BenchJson).leaked_tensors).toBe(0);
    },
  );

  it('sizes the model with --set (the large configuration changes the parameter count)', async () => {
    const small = JSON.parse(
      (await seqlab('bench', 'examples/bench/lstm.seq', ...tiny, '--json')).stdout,
    ) as BenchJson;
    const large = JSON.parse(
      (
        await seqlab(
          'bench',
          'examples/bench/lstm.seq',
          ...tiny,
          '--set',
          'input_size=4',
          '--set',
          'hidden=8',
          '--json',
        )
      ).stdout,
    ) as BenchJson;
    // LSTM(4 -> 8): 4*8*(4+8) + 2*4*8 = 448, dense 8 -> 4: 36.
    expect(large.params).toBe(448 + 36);
    expect(small.params).not.toBe(large.params);
  });

  it('says which kernels it timed', async () => {
    const run = await seqlab('bench', 'examples/bench/rnn.seq', ...tiny, '--json');
    expect((JSON.parse(run.stdout) as BenchJson).kernels).toBe('fast');
    const stock = await seqlab('bench', 'examples/bench/rnn.seq', ...tiny, '--stock-kernels');
    expect(stock.stdout).toMatch(/on cpu \(stock tfjs kernels\)/);
  });

  it('prints a table without --json and rejects a bad --steps', async () => {
    const run = await seqlab('bench', 'examples/bench/rnn.seq', ...tiny);
    expect(run.stdout).toMatch(/training step\s+[\d.]+/);
    expect(run.stdout).toMatch(/inference\s+[\d.]+/);
    const bad = await seqlab('bench', 'examples/bench/rnn.seq', '--steps', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--steps 0/);
  });
});
