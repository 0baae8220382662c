import { describe, expect, it } from 'vitest';
import type { IrModule } from '@seqlab/ir';
import { exportPytorch } from '../src/index.js';
import { chain, mixCell } from './build.js';

function code(m: IrModule): string {
  const r = exportPytorch(m);
  if (!r.ok) throw new Error(r.error);
  return r.code;
}

describe('exportPytorch', () => {
  it('names modules by the parameter prefix, also when it is not an identifier', () => {
    const py = code(
      chain(3, [
        { op: 'dense', attrs: { units: 4, bias: true }, name: 'my-enc' },
        { op: 'dropout', attrs: { rate: 0.25 } },
        { op: 'layer_norm', attrs: { eps: 0.001 } },
      ]),
    );
    expect(py).toContain('        self.add_module("my-enc", nn.Linear(3, 4))');
    expect(py).toContain('        my_enc = getattr(self, "my-enc")(x)');
    expect(py).toContain('        self.dropout1 = nn.Dropout(0.25)');
    expect(py).toContain('        self.layer_norm2 = nn.LayerNorm(4, eps=0.001)');
  });

  it('writes the transposes and padding of each conv mode', () => {
    const conv = (padding: string, stride = 1, dilation = 1) => ({
      op: 'conv1d' as const,
      attrs: { filters: 2, kernel: 3, stride, dilation, padding, bias: true },
    });
    const py = code(
      chain(3, [conv('same'), conv('causal', 1, 2), conv('same', 2), conv('valid', 2)]),
    );
    expect(py).toContain("self.conv1d0 = nn.Conv1d(3, 2, 3, padding='same')");
    expect(py).toContain('conv1d0 = self.conv1d0(x.transpose(1, 2)).transpose(1, 2)');
    expect(py).toContain('self.conv1d1 = nn.Conv1d(2, 2, 3, dilation=2)');
    expect(py).toContain('self.conv1d1(F.pad(conv1d0.transpose(1, 2), (4, 0))).transpose(1, 2)');
    expect(py).toContain('self.conv1d2 = nn.Conv1d(2, 2, 3, stride=2)');
    expect(py).toContain('F.pad(conv1d1.transpose(1, 2), same_padding(conv1d1.shape[1], 3, 2, 1))');
    expect(py).toContain('def same_padding(steps, kernel, stride=1, dilation=1):');
    expect(py).toContain('self.conv1d3(conv1d2.transpose(1, 2)).transpose(1, 2)');
  });

  it('includes only the helpers it uses', () => {
    const py = code(chain(3, [{ op: 'dense', attrs: { units: 2, bias: false } }]));
    expect(py).toContain('self.dense0 = nn.Linear(3, 2, bias=False)');
    expect(py).not.toContain('def run_recurrent');
    expect(py).not.toContain('pack_padded_sequence');
    expect(py).toContain('def load_safetensors(path):');
    expect(py).toContain('def save_safetensors(state_dict, path):');
  });

  it('runs recurrences packed by lengths and picks the top layer of h_n', () => {
    const py = code(
      chain(3, [
        { op: 'lstm', attrs: { hidden: 4, layers: 2, bidirectional: true, bias: true } },
        { op: 'last', attrs: {} },
      ]),
    );
    expect(py).toContain(
      'self.lstm0 = nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)',
    );
    expect(py).toContain('lstm0, (_, _) = run_recurrent(self.lstm0, x, lengths)');
    expect(py).toContain('last1 = last_step(lstm0, lengths)');
    expect(py).toContain(
      'from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence',
    );
  });

  it('writes a user cell as a module with a step, inlining single-use values', () => {
    const py = code(mixCell(false));
    expect(py).toContain('class Mix(nn.Module):');
    expect(py).toContain('        self.W = nn.Parameter(torch.empty(4, 3))');
    expect(py).toContain('        nn.init.orthogonal_(self.U, gain=1.0)');
    expect(py).toContain('    def forward(self, x, h):');
    expect(py).toContain('        h = torch.tanh(x @ self.W.T + h @ self.U.T)');
    expect(py).toContain('        y = h * 2.0\n        return h, y');
    expect(py).toContain(
      'mix0, (_,) = run_cell(self.mix0, x, [x.new_zeros(x.shape[0], 4)], lengths)',
    );
  });

  it('keeps the old state readable when the step reads it after the new one', () => {
    const py = code(mixCell(true));
    expect(py).toContain('        h_next = torch.tanh(x @ self.W.T + h @ self.U.T)');
    expect(py).toContain('        y = h * h_next\n        return h_next, y');
  });

  it('says what it cannot express', () => {
    const m = chain(3, [{ op: 'dense', attrs: { units: 2, bias: false } }]);
    const p = m.params['dense0.weight'];
    if (p === undefined) throw new Error('no dense0.weight');
    const node = m.graph.nodes[0];
    if (node === undefined) throw new Error('no node');
    const odd: IrModule = {
      ...m,
      params: { weight: { ...p, name: 'weight' } },
      graph: { ...m.graph, nodes: [{ ...node, params: { weight: 'weight' } }] },
    };
    expect(exportPytorch(odd)).toEqual({
      ok: false,
      error: 'parameter "weight" is not named <layer>.<name>, so it has no PyTorch state_dict key',
    });
  });
});
