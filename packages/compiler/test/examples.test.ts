/** Every example compiles cleanly, and parameter counts equal PyTorch's formulas. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeModule, moduleFromJson, moduleToJson, verifyModule } from '@seqlab/ir';
import { check, compile } from '../src/index.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');
const files = readdirSync(examples)
  .filter((f) => f.endsWith('.seq'))
  .sort();

function compileExample(name: string, set: Record<string, number> = {}) {
  const text = readFileSync(join(examples, name), 'utf8');
  const result = compile(text, { file: name, set });
  expect(result.diagnostics).toEqual([]);
  if (!result.module) throw new Error(`${name} did not compile`);
  return { result, module: result.module, report: analyzeModule(result.module) };
}

describe('examples', () => {
  for (const f of files) {
    it(`${f} checks without diagnostics, verifies, and round-trips as JSON`, () => {
      const text = readFileSync(join(examples, f), 'utf8');
      const result = check(text, { file: f });
      expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      const m = result.module;
      expect(m).toBeDefined();
      if (!m) return;
      expect(verifyModule(m)).toEqual([]);
      const back = moduleFromJson(moduleToJson(m));
      expect(back.ok).toBe(true);
      if (back.ok) expect(back.module).toEqual(m);
    });
  }

  it('names: embed 30x32... counts like PyTorch (Embedding + GRU + Linear)', () => {
    const { report } = compileExample('names.seq');
    const byOp = Object.fromEntries(report.layers.map((l) => [l.op, l.params]));
    expect(byOp['embed']).toBe(32 * 32);
    expect(byOp['gru']).toBe(3 * 64 * (32 + 64 + 2));
    expect(byOp['dense']).toBe(64 * 2 + 2);
    expect(report.totalParams).toBe(1024 + 18816 + 130);
  });

  it('stacked rnn 4 -> 8 -> 16 -> 32 has one square W_hh per layer', () => {
    const { module, report } = compileExample('stacked-rnn.seq');
    const rnn = (i: number, o: number) => o * (i + o + 2);
    expect(report.layers.map((l) => l.params)).toEqual([rnn(4, 8), rnn(8, 16), rnn(16, 32)]);
    expect(module.params['rnn1.weight_hh_l0']?.shape).toEqual([16, 16]);
    expect(module.params['rnn2.weight_ih_l0']?.shape).toEqual([32, 16]);
  });

  it('the LSTM and GRU written as cells have exactly the built-ins parameter counts', () => {
    const lstmCell = compileExample('lstm-cell.seq').report.layers[0];
    const gruCell = compileExample('gru-cell.seq').report.layers[0];
    expect(lstmCell?.params).toBe(4 * 16 * (8 + 16 + 2));
    expect(gruCell?.params).toBe(3 * 16 * (8 + 16 + 2));
  });

  it('rnn classifier: nn.RNN(8, 32, num_layers=2) + Linear(32, 4)', () => {
    const { report } = compileExample('rnn-classifier.seq');
    expect(report.totalParams).toBe(32 * (8 + 32 + 2) + 32 * (32 + 32 + 2) + 32 * 4 + 4);
  });

  it('tcn receptive field is 1 + 2 * (1 + 2 + 4 + 8) = 31', () => {
    const { report } = compileExample('tcn.seq');
    expect(report.receptiveField).toBe(31);
  });

  it('cnn1d: two same-padded k=3 convs see 5 steps before the average', () => {
    const { report } = compileExample('cnn1d.seq');
    const convs = report.layers.filter((l) => l.op === 'conv1d');
    expect(convs.map((c) => c.receptiveField)).toEqual([3, 5]);
    expect(report.totalParams).toBe(8 * 64 * 3 + 64 + 64 * 64 * 3 + 64 + 64 * 4 + 4);
  });

  it('--set overrides hyperparameters and shapes follow', () => {
    const { report } = compileExample('names.seq', { hidden: 16 });
    const gru = report.layers.find((l) => l.op === 'gru');
    expect(gru?.outputShape).toEqual(['B', 'T', 16]);
    expect(gru?.params).toBe(3 * 16 * (32 + 16 + 2));
  });

  it('encoder-decoder: the decoder starts from the encoder state', () => {
    const { module } = compileExample('encoder-decoder.seq');
    const lstms = module.graph.nodes.filter((n) => n.op === 'lstm');
    expect(lstms).toHaveLength(2);
    const [enc, dec] = lstms;
    expect(dec?.inputs.slice(1)).toEqual(enc?.outputs.slice(1));
    expect(enc?.lengths).not.toBe(dec?.lengths); // S and T mask separately
  });
});
