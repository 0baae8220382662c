import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lowerModule } from '../src/index.js';
import { planScan } from '../src/lower/scan-plan.js';
import { GraphBuilder } from '@seqlab/ir/testing';
import { expectClose, nested, randomArray, toSeq, useCpu } from './helpers.js';

beforeAll(useCpu);

const [B, T, D, H] = [3, 5, 2, 3];

/** An Elman cell as a scan body: h' = tanh(x W_xh^T + h W_hh^T + b); emit h'. */
function elman(reverse: boolean) {
  const g = new GraphBuilder();
  const x = g.input('x', ['B', 'T', D]);
  const body = new GraphBuilder(g.params, 'b');
  const xt = body.bodyInput(['B', D]);
  const h = body.bodyInput(['B', H]);
  const [wx] = body.op('param', [], { name: body.param('cell.W_xh', [H, D]) });
  const [wh] = body.op('param', [], { name: body.param('cell.W_hh', [H, H]) });
  const [bias] = body.op('param', [], { name: body.param('cell.b', [H]) });
  const [xw] = body.op('matmul', [xt, wx ?? ''], { transpose_b: true });
  const [hw] = body.op('matmul', [h, wh ?? ''], { transpose_b: true });
  const [s1] = body.op('add', [xw ?? '', hw ?? '']);
  const [s2] = body.op('add', [s1 ?? '', bias ?? '']);
  const [hn] = body.op('tanh', [s2 ?? '']);
  const graph = body.graph([hn ?? '', hn ?? '']);
  const [seq, last] = g.op(
    'scan',
    [x],
    { num_sequences: 1, state_names: ['h'], state_init: ['zeros'], reverse },
    { name: 'cell', outputs: 2, body: graph, lengths: g.lengthsOf('T') },
  );
  g.output('seq', seq ?? '');
  g.output('h', last ?? '');
  return { module: g.module(), graph };
}

function elmanRef(
  xs: number[][][],
  W: (n: string) => number[],
  lengths: number[],
  reverse: boolean,
) {
  const wx = W('cell.W_xh');
  const wh = W('cell.W_hh');
  const b = W('cell.b');
  const finals: number[][] = [];
  const seq = xs.map((s, bi) => {
    const out = s.map(() => new Array<number>(H).fill(0));
    let h = new Array<number>(H).fill(0);
    const len = lengths[bi] ?? T;
    for (let k = 0; k < len; k++) {
      const t = reverse ? len - 1 - k : k;
      const x = s[t] ?? [];
      h = h.map((_, i) => {
        let a = b[i] ?? 0;
        for (let j = 0; j < D; j++) a += (wx[i * D + j] ?? 0) * (x[j] ?? 0);
        for (let j = 0; j < H; j++) a += (wh[i * H + j] ?? 0) * (h[j] ?? 0);
        return Math.tanh(a);
      });
      out[t] = h;
    }
    finals.push(h);
    return out;
  });
  return { seq, finals };
}

describe('scan', () => {
  it.each([false, true])(
    'runs an Elman cell body per step (reverse = %s) with masking',
    (reverse) => {
      const { module } = elman(reverse);
      const model = lowerModule(module, { seed: 1 });
      const xs = randomArray([B, T, D], 2);
      const lengths = [5, 3, 1];
      const inputs = { x: tf.tensor3d(xs, [B, T, D]) };
      const lens = { T: tf.tensor1d(lengths, 'int32') };
      const out = model.forward({ inputs, lengths: lens });
      const W = (n: string) => Array.from(model.variables.get(n)?.dataSync() ?? []);
      const ref = elmanRef(toSeq(xs, B, T, D), W, lengths, reverse);
      expectClose(nested(out['seq'] as tf.Tensor), ref.seq);
      expectClose(nested(out['h'] as tf.Tensor), ref.finals);
      tf.dispose([out, inputs, lens]);
      model.dispose();
    },
  );

  it('hoists the input projection out of the loop but not the recurrent product', () => {
    const { graph } = elman(false);
    const plan = planScan(graph, 1);
    const hoistedOps = plan.hoisted.map((n) => n.op);
    const stepOps = plan.perStep.map((n) => n.op);
    expect(hoistedOps.filter((op) => op === 'matmul')).toHaveLength(1);
    expect(stepOps).toEqual(['matmul', 'add', 'add', 'tanh']);
    expect(plan.hoisted.find((n) => n.op === 'matmul')?.inputs[0]).toBe(graph.inputs[0]);
  });

  it('takes initial states from inputs or ones, and returns every final state', () => {
    // acc' = acc + x.w ; gate' = gate * sigmoid(x.w) ; emit acc' * gate'
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 'T', D]);
    const acc0 = g.input('acc0', ['B', 1]);
    const body = new GraphBuilder(g.params, 'b');
    const xt = body.bodyInput(['B', D]);
    const acc = body.bodyInput(['B', 1]);
    const gate = body.bodyInput(['B', 1]);
    const [w] = body.op('param', [], { name: body.param('c.w', [1, D]) });
    const [xw] = body.op('matmul', [xt, w ?? ''], { transpose_b: true });
    const [accN] = body.op('add', [acc, xw ?? '']);
    const [sg] = body.op('sigmoid', [xw ?? '']);
    const [gateN] = body.op('mul', [gate, sg ?? '']);
    const [y] = body.op('mul', [accN ?? '', gateN ?? '']);
    const graph = body.graph([accN ?? '', gateN ?? '', y ?? '']);
    const outs = g.op(
      'scan',
      [x, acc0],
      {
        num_sequences: 1,
        state_names: ['acc', 'gate'],
        state_init: ['input', 'ones'],
        reverse: false,
      },
      { name: 'c', outputs: 3, body: graph },
    );
    g.output('y', outs[0] ?? '');
    g.output('acc', outs[1] ?? '');
    g.output('gate', outs[2] ?? '');
    const model = lowerModule(g.module(), { seed: 4 });
    const xs = randomArray([B, T, D], 8);
    const a0 = [0.5, -1, 2];
    const inputs = { x: tf.tensor3d(xs, [B, T, D]), acc0: tf.tensor2d(a0, [B, 1]) };
    const out = model.forward({ inputs });
    const wv = Array.from(model.variables.get('c.w')?.dataSync() ?? []);
    const ys: number[][][] = [];
    const accs: number[][] = [];
    const gates: number[][] = [];
    toSeq(xs, B, T, D).forEach((s, b) => {
      let a = a0[b] ?? 0;
      let gt = 1;
      ys.push(
        s.map((v) => {
          const p = (v[0] ?? 0) * (wv[0] ?? 0) + (v[1] ?? 0) * (wv[1] ?? 0);
          a += p;
          gt *= 1 / (1 + Math.exp(-p));
          return [a * gt];
        }),
      );
      accs.push([a]);
      gates.push([gt]);
    });
    expectClose(nested(out['y'] as tf.Tensor), ys);
    expectClose(nested(out['acc'] as tf.Tensor), accs);
    expectClose(nested(out['gate'] as tf.Tensor), gates);
    tf.dispose([out, inputs]);
    model.dispose();
  });
});
