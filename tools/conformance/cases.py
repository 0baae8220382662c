"""The conformance cases: a .seq model and the PyTorch module that computes the same thing.

Every reference is written by hand from nn.Embedding, nn.Linear, nn.Conv1d, nn.LayerNorm,
nn.RNN, nn.LSTM and nn.GRU (plus reference_ops for seqlab's padding semantics). Module
attributes are named like seqlab's layers, so state_dict keys are seqlab's parameter names;
a case whose PyTorch module differs in structure (a user cell against nn.RNN) maps them.

forward(inputs, lengths) takes dicts (input name -> tensor, time symbol -> lengths or None)
and returns the outputs in the model's declared order.
"""
import torch
import torch.nn.functional as F
from torch import nn

import reference_ops as R

# Runs: (batch, {time symbol: steps}, lengths per symbol or None). T = 1, a padded batch,
# an unpadded batch, T >= 200, then sequences of length one: B = 1 and T = 1 with lengths,
# a batch whose every length is 1, and lengths of 1 beside a full one. (New runs go last:
# each case draws its inputs in run order, so the earlier runs keep their fixtures.)
RUNS = [
    (1, {"T": 1}, None),
    (3, {"T": 6}, {"T": [6, 3, 1]}),
    (4, {"T": 5}, None),
    (2, {"T": 200}, {"T": [200, 137]}),
    (1, {"T": 1}, {"T": [1]}),
    (2, {"T": 1}, {"T": [1, 1]}),
    (3, {"T": 4}, {"T": [1, 4, 1]}),
]


def runs_min(steps):
    """RUNS with at least `steps` steps (valid windows need a full window)."""
    return [(b, {k: max(v, steps) for k, v in dims.items()},
             None if lens is None else {k: [max(x, steps) if x == dims[k] else x for x in v]
                                        for k, v in lens.items()})
            for b, dims, lens in RUNS]


class Case(nn.Module):
    SEQ = ""
    INPUTS = []  # (name, "float", width) or (name, "int", vocab); shapes [B, T, ...] / [B, T]
    TIME = {}  # input name -> its time symbol (default "T")
    OUTPUTS = []
    RUNS = RUNS
    MAPPING = {}  # seqlab parameter name -> reference parameter name (default: the same)
    FIXED = {}  # reference parameters seqlab does not have: name -> constant value
    DOC = ""


# --- every layer op --------------------------------------------------------------------

class EmbedDense(Case):
    DOC = "embed with padding_idx, dense with and without bias, layer_norm, gelu, dropout"
    SEQ = """
model EmbedDense {
  input ids: [B, T] int < 7
  ids |> embed(5, padding_idx = 0) |> dropout(0.5) |> dense(4) |> layer_norm |> gelu
    |> layer_norm(eps = 0.001) |> dense(3, bias = false) -> y
  output y
}
"""
    INPUTS = [("ids", "int", 7)]
    OUTPUTS = ["y"]

    def __init__(self):
        super().__init__()
        self.embed0 = nn.Embedding(7, 5, padding_idx=0)
        self.dropout0 = nn.Dropout(0.5)
        self.dense0 = nn.Linear(5, 4)
        self.layer_norm0 = nn.LayerNorm(4)
        self.layer_norm1 = nn.LayerNorm(4, eps=0.001)
        self.dense1 = nn.Linear(4, 3, bias=False)

    def forward(self, x, lengths):
        h = self.dense0(self.dropout0(self.embed0(x["ids"])))
        return (self.dense1(self.layer_norm1(F.gelu(self.layer_norm0(h)))),)


class Elementwise(Case):
    DOC = "add, sub, mul, relu, tanh, sigmoid, softmax, concat, dense on [B, D]"
    SEQ = """
model Elementwise {
  input x: [B, T, 3]
  a = x |> dense(4)
  b = x |> dense(4) |> sigmoid
  c = a * b + a - b
  [c |> tanh, c |> relu, a |> softmax] |> concat -> y
  y |> mean_over_time |> dense(2) -> z
  output y, z
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["y", "z"]

    def __init__(self):
        super().__init__()
        self.dense0 = nn.Linear(3, 4)
        self.dense1 = nn.Linear(3, 4)
        self.dense2 = nn.Linear(12, 2)

    def forward(self, x, lengths):
        a = self.dense0(x["x"])
        b = torch.sigmoid(self.dense1(x["x"]))
        c = a * b + a - b
        y = torch.cat([torch.tanh(c), torch.relu(c), torch.softmax(a, -1)], -1)
        return y, self.dense2(R.mean_time(y, lengths["T"]))


class Reductions(Case):
    DOC = "mean, max and sum over time, last and first, all with padded batches"
    SEQ = """
model Reductions {
  input x: [B, T, 3]
  h = x |> dense(4) |> tanh
  h |> mean_over_time -> mean
  h |> max_over_time -> peak
  h |> sum_over_time -> total
  h |> last -> final
  h |> first -> start
  output mean, peak, total, final, start
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["mean", "peak", "total", "final", "start"]

    def __init__(self):
        super().__init__()
        self.dense0 = nn.Linear(3, 4)

    def forward(self, x, lengths):
        h = torch.tanh(self.dense0(x["x"]))
        n = lengths["T"]
        return R.mean_time(h, n), R.max_time(h, n), R.sum_time(h, n), R.last(h, n), h[:, 0]


class Pools(Case):
    DOC = "max_pool1d and avg_pool1d, valid and same, strided"
    SEQ = """
model Pools {
  input x: [B, T, 3]
  x |> max_pool1d(2) -> a
  x |> avg_pool1d(2) -> b
  x |> max_pool1d(3, stride = 2, padding = "same") -> c
  x |> avg_pool1d(3, stride = 1, padding = "same") -> d
  x |> avg_pool1d(4, stride = 3, padding = "same") -> e
  output a, b, c, d, e
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["a", "b", "c", "d", "e"]
    RUNS = runs_min(2)

    def forward(self, x, lengths):
        v = x["x"]
        return (R.max_pool(v, 2, 2, "valid"), R.avg_pool(v, 2, 2, "valid"),
                R.max_pool(v, 3, 2, "same"), R.avg_pool(v, 3, 1, "same"),
                R.avg_pool(v, 4, 3, "same"))


class ShortWindows(Case):
    DOC = "windows that fit one step: conv1d same (strided, dilated), causal and valid kernel 1; pools same and kernel 1"
    SEQ = """
model ShortWindows {
  input x: [B, T, 3]
  x |> conv1d(4, 3, stride = 2) |> conv1d(3, 4, dilation = 3) -> a
  x |> conv1d(2, 3, dilation = 2, padding = "causal") -> b
  x |> conv1d(2, 1, padding = "valid") -> c
  x |> max_pool1d(2, padding = "same") -> d
  x |> avg_pool1d(3, stride = 1, padding = "same") -> e
  x |> max_pool1d(1) -> f
  x |> avg_pool1d(1) -> g
  output a, b, c, d, e, f, g
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["a", "b", "c", "d", "e", "f", "g"]
    RUNS = [r for r in RUNS if r[1]["T"] < 200]  # short sequences are the point

    def __init__(self):
        super().__init__()
        self.conv1d0 = nn.Conv1d(3, 4, 3, stride=2)
        self.conv1d1 = nn.Conv1d(4, 3, 4, dilation=3)
        self.conv1d2 = nn.Conv1d(3, 2, 3, dilation=2)
        self.conv1d3 = nn.Conv1d(3, 2, 1)

    def forward(self, x, lengths):
        v = x["x"]
        a = R.conv(self.conv1d1, R.conv(self.conv1d0, v, "same"), "same")
        return (a, R.conv(self.conv1d2, v, "causal"), R.conv(self.conv1d3, v, "valid"),
                R.max_pool(v, 2, 2, "same"), R.avg_pool(v, 3, 1, "same"),
                R.max_pool(v, 1, 1, "valid"), R.avg_pool(v, 1, 1, "valid"))


# --- conv padding modes, strides, dilations ---------------------------------------------

class ConvSame(Case):
    DOC = "conv1d 'same' (nn.Conv1d padding='same'), odd and even kernels, dilation"
    SEQ = """
model ConvSame {
  input x: [B, T, 3]
  x |> conv1d(4, 3) |> relu |> conv1d(5, 4, dilation = 2) |> conv1d(2, 1, bias = false) -> y
  output y
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["y"]

    def __init__(self):
        super().__init__()
        self.conv1d0 = nn.Conv1d(3, 4, 3, padding="same")
        self.conv1d1 = nn.Conv1d(4, 5, 4, dilation=2, padding="same")
        self.conv1d2 = nn.Conv1d(5, 2, 1, bias=False)

    def forward(self, x, lengths):
        h = torch.relu(R.conv(self.conv1d0, x["x"], "same"))
        return (R.conv(self.conv1d2, R.conv(self.conv1d1, h, "same"), "valid"),)


class ConvValidStrided(Case):
    DOC = "conv1d 'valid' with strides 2 and 3, and with dilation 2"
    SEQ = """
model ConvValidStrided {
  input x: [B, T, 3]
  x |> conv1d(4, 3, stride = 2, padding = "valid") |> tanh
    |> conv1d(3, 2, stride = 3, padding = "valid", bias = false) -> y
  x |> conv1d(2, 3, dilation = 2, padding = "valid") -> z
  output y, z
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["y", "z"]
    RUNS = runs_min(5)

    def __init__(self):
        super().__init__()
        self.conv1d0 = nn.Conv1d(3, 4, 3, stride=2)
        self.conv1d1 = nn.Conv1d(4, 3, 2, stride=3, bias=False)
        self.conv1d2 = nn.Conv1d(3, 2, 3, dilation=2)

    def forward(self, x, lengths):
        h = torch.tanh(R.conv(self.conv1d0, x["x"], "valid"))
        return R.conv(self.conv1d1, h, "valid"), R.conv(self.conv1d2, x["x"], "valid")


class ConvCausal(Case):
    DOC = "conv1d 'causal' with dilations 1, 2, 4 and a strided one"
    SEQ = """
model ConvCausal {
  input x: [B, T, 2]
  x |> conv1d(4, 3, padding = "causal") |> relu
    |> conv1d(4, 3, dilation = 2, padding = "causal") |> relu
    |> conv1d(3, 2, dilation = 4, stride = 2, padding = "causal") -> y
  output y
}
"""
    INPUTS = [("x", "float", 2)]
    OUTPUTS = ["y"]

    def __init__(self):
        super().__init__()
        self.conv1d0 = nn.Conv1d(2, 4, 3)
        self.conv1d1 = nn.Conv1d(4, 4, 3, dilation=2)
        self.conv1d2 = nn.Conv1d(4, 3, 2, dilation=4, stride=2)

    def forward(self, x, lengths):
        h = torch.relu(R.conv(self.conv1d0, x["x"], "causal"))
        h = torch.relu(R.conv(self.conv1d1, h, "causal"))
        return (R.conv(self.conv1d2, h, "causal"),)


class ConvSameStrided(Case):
    DOC = "conv1d 'same' with stride > 1 (TensorFlow-style: ceil(T / stride) steps, odd pad right)"
    SEQ = """
model ConvSameStrided {
  input x: [B, T, 3]
  x |> conv1d(4, 3, stride = 2) |> conv1d(3, 4, stride = 3, dilation = 2) -> y
  output y
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["y"]
    RUNS = runs_min(7)

    def __init__(self):
        super().__init__()
        self.conv1d0 = nn.Conv1d(3, 4, 3, stride=2)
        self.conv1d1 = nn.Conv1d(4, 3, 4, stride=3, dilation=2)

    def forward(self, x, lengths):
        return (R.conv(self.conv1d1, R.conv(self.conv1d0, x["x"], "same"), "same"),)


# --- built-in recurrences ---------------------------------------------------------------

def _recurrent_case(name, doc, call, layer, outputs=("seq", "h")):
    """A one-layer case `x |> call -> s`, outputs s (and s.h, s.c)."""
    members = "".join(f"  {o} = s.{o}\n" for o in outputs[1:])

    class C(Case):
        DOC = doc
        SEQ = f"""
model {name} {{
  input x: [B, T, 3]
  s = x |> {call}
{members}  output s, {", ".join(outputs[1:])}
}}
"""
        INPUTS = [("x", "float", 3)]
        OUTPUTS = ["s", *outputs[1:]]

        def __init__(self):
            super().__init__()
            setattr(self, layer[0], layer[1]())

        def forward(self, x, lengths):
            module = getattr(self, layer[0])
            seq, final = R.recurrent(module, x["x"], lengths["T"])
            dirs = 2 if module.bidirectional else 1
            if isinstance(final, tuple):
                return seq, R.top(final[0], dirs), R.top(final[1], dirs)
            return seq, R.top(final, dirs)

    C.__name__ = C.__qualname__ = name
    return C


RnnTanh = _recurrent_case("RnnTanh", "nn.RNN tanh", "rnn(5)", ("rnn0", lambda: nn.RNN(3, 5, batch_first=True)))
RnnRelu = _recurrent_case("RnnRelu", "nn.RNN relu without biases", 'rnn(5, nonlinearity = "relu", bias = false)',
                          ("rnn0", lambda: nn.RNN(3, 5, nonlinearity="relu", bias=False, batch_first=True)))
Lstm = _recurrent_case("Lstm", "nn.LSTM (gates i, f, g, o), final h and c", "lstm(5)",
                       ("lstm0", lambda: nn.LSTM(3, 5, batch_first=True)), ("seq", "h", "c"))
Gru = _recurrent_case("Gru", "nn.GRU (gates r, z, n)", "gru(5)", ("gru0", lambda: nn.GRU(3, 5, batch_first=True)))
BiRnn = _recurrent_case("BiRnn", "bidirectional(rnn) = nn.RNN(bidirectional=True)", "bidirectional(rnn(4))",
                        ("rnn0", lambda: nn.RNN(3, 4, batch_first=True, bidirectional=True)))
BiLstm = _recurrent_case("BiLstm", "nn.LSTM(bidirectional=True), final h and c", "lstm(4, bidirectional = true)",
                         ("lstm0", lambda: nn.LSTM(3, 4, batch_first=True, bidirectional=True)), ("seq", "h", "c"))
BiGru = _recurrent_case("BiGru", "bidirectional(gru) without biases", "bidirectional(gru(4, bias = false))",
                        ("gru0", lambda: nn.GRU(3, 4, bias=False, batch_first=True, bidirectional=True)))
Lstm2Bi = _recurrent_case("Lstm2Bi", "nn.LSTM(num_layers=2, bidirectional=True)",
                          "lstm(4, layers = 2, bidirectional = true)",
                          ("lstm0", lambda: nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)),
                          ("seq", "h", "c"))
Gru3 = _recurrent_case("Gru3", "nn.GRU(num_layers=3)", "gru(5, layers = 3)",
                       ("gru0", lambda: nn.GRU(3, 5, num_layers=3, batch_first=True)))
RnnRelu2Bi = _recurrent_case("RnnRelu2Bi", "nn.RNN relu, 2 layers, bidirectional",
                             'rnn(3, layers = 2, nonlinearity = "relu", bidirectional = true)',
                             ("rnn0", lambda: nn.RNN(3, 3, num_layers=2, nonlinearity="relu", batch_first=True,
                                                     bidirectional=True)))


class StackWidths(Case):
    DOC = "a stack of different widths: rnn(3) -> lstm(6) -> gru(4) -> rnn(8), 4 -> 3 -> 6 -> 4 -> 8"
    SEQ = """
model StackWidths {
  input x: [B, T, 4]
  x |> rnn(3) |> lstm(6) |> gru(4) |> rnn(8) -> hs
  output hs
}
"""
    INPUTS = [("x", "float", 4)]
    OUTPUTS = ["hs"]

    def __init__(self):
        super().__init__()
        self.rnn0 = nn.RNN(4, 3, batch_first=True)
        self.lstm0 = nn.LSTM(3, 6, batch_first=True)
        self.gru0 = nn.GRU(6, 4, batch_first=True)
        self.rnn1 = nn.RNN(4, 8, batch_first=True)

    def forward(self, x, lengths):
        h = x["x"]
        for layer in (self.rnn0, self.lstm0, self.gru0, self.rnn1):
            h, _ = R.recurrent(layer, h, lengths["T"])
        return (h,)


# --- user cells equal to the built-ins --------------------------------------------------

ELMAN = """
cell Elman(hidden) {
  param W_xh: [hidden, in]
  param W_hh: [hidden, hidden]
  param b_h: [hidden] = zeros
  state h: [hidden] = zeros
  h = tanh(W_xh @ x + W_hh @ h + b_h)
  emit h
}
"""


class ElmanCell(Case):
    DOC = "the Elman user cell equals nn.RNN (its one bias is b_ih; b_hh is held at zero)"
    SEQ = ELMAN + """
model ElmanCell {
  input x: [B, T, 3]
  x |> Elman(5) -> hs
  output hs
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["hs"]
    MAPPING = {"elman0.W_xh": "rnn.weight_ih_l0", "elman0.W_hh": "rnn.weight_hh_l0",
               "elman0.b_h": "rnn.bias_ih_l0"}
    FIXED = {"rnn.bias_hh_l0": 0.0}

    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(3, 5, batch_first=True)

    def forward(self, x, lengths):
        return (R.recurrent(self.rnn, x["x"], lengths["T"])[0],)


class BiElmanCell(Case):
    DOC = "bidirectional(Elman) equals nn.RNN(bidirectional=True)"
    SEQ = ELMAN + """
model BiElmanCell {
  input x: [B, T, 3]
  x |> bidirectional(Elman(4)) -> hs
  output hs
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["hs"]
    MAPPING = {f"elman0.{a}{s}": f"rnn.{b}_l0{s}" for s in ("", "_reverse")
               for a, b in (("W_xh", "weight_ih"), ("W_hh", "weight_hh"), ("b_h", "bias_ih"))}
    FIXED = {"rnn.bias_hh_l0": 0.0, "rnn.bias_hh_l0_reverse": 0.0}

    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(3, 4, batch_first=True, bidirectional=True)

    def forward(self, x, lengths):
        return (R.recurrent(self.rnn, x["x"], lengths["T"])[0],)


LSTM_CELL = """
cell LSTMCell(hidden) {
  param weight_ih: [4 * hidden, in]
  param weight_hh: [4 * hidden, hidden]
  param bias_ih: [4 * hidden]
  param bias_hh: [4 * hidden]
  state h: [hidden] = zeros
  state c: [hidden] = zeros
  i, f, g, o = split(weight_ih @ x + bias_ih + weight_hh @ h + bias_hh, 4)
  c = sigmoid(f) * c + sigmoid(i) * tanh(g)
  h = sigmoid(o) * tanh(c)
  emit h
}
"""

GRU_CELL = """
cell GRUCell(hidden) {
  param weight_ih: [3 * hidden, in]
  param weight_hh: [3 * hidden, hidden]
  param bias_ih: [3 * hidden]
  param bias_hh: [3 * hidden]
  state h: [hidden] = zeros
  xr, xz, xn = split(weight_ih @ x + bias_ih, 3)
  hr, hz, hn = split(weight_hh @ h + bias_hh, 3)
  r = sigmoid(xr + hr)
  z = sigmoid(xz + hz)
  n = tanh(xn + r * hn)
  h = (1 - z) * n + z * h
  emit h
}
"""

_ROLES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


class LstmCell(Case):
    DOC = "an LSTM written as a user cell equals nn.LSTM; its final h and c too"
    SEQ = LSTM_CELL + """
model LstmCell {
  input x: [B, T, 3]
  s = x |> LSTMCell(5)
  h = s.h
  c = s.c
  output s, h, c
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["s", "h", "c"]
    MAPPING = {f"lstmcell0.{r}": f"lstm.{r}_l0" for r in _ROLES}

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 5, batch_first=True)

    def forward(self, x, lengths):
        seq, (h, c) = R.recurrent(self.lstm, x["x"], lengths["T"])
        return seq, h[0], c[0]


class GruCell(Case):
    DOC = "a GRU written as a user cell equals nn.GRU"
    SEQ = GRU_CELL + """
model GruCell {
  input x: [B, T, 3]
  s = x |> GRUCell(5)
  h = s.h
  output s, h
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["s", "h"]
    MAPPING = {f"grucell0.{r}": f"gru.{r}_l0" for r in _ROLES}

    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(3, 5, batch_first=True)

    def forward(self, x, lengths):
        seq, h = R.recurrent(self.gru, x["x"], lengths["T"])
        return seq, h[0]


class CellOps(Case):
    DOC = "a user cell with every cell op: split, slices, concat, softmax, exp, log, neg, div, relu, gelu, constants, two states (one starting at ones), an emitted value that is not a state"
    SEQ = """
cell Exotic(hidden) {
  param W: [2 * hidden, in]
  param U: [hidden, hidden] = orthogonal
  param b: [hidden] = ones
  state h: [hidden] = zeros
  state s: [hidden] = ones
  a, g = split(W @ x, 2)
  p = softmax(concat(a, U @ h))
  m = p[0:hidden] + p[hidden:2 * hidden]
  s = s / (1 + exp(-g)) + log(1 + m * m)
  h = tanh(relu(a) - gelu(-h) * m + b) * s / (s + 2)
  emit h * 0.5 - s
}

model CellOps {
  input x: [B, T, 3]
  y = x |> Exotic(4)
  h = y.h
  s = y.s
  output y, h, s
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["y", "h", "s"]

    def __init__(self):
        super().__init__()
        self.exotic0 = nn.Module()
        self.exotic0.W = nn.Parameter(torch.empty(8, 3).uniform_(-0.5, 0.5))
        self.exotic0.U = nn.Parameter(torch.empty(4, 4).uniform_(-0.5, 0.5))
        self.exotic0.b = nn.Parameter(torch.empty(4).uniform_(-0.5, 0.5))

    def forward(self, x, lengths):
        c, xs, n = self.exotic0, x["x"], lengths["T"]
        h = xs.new_zeros(xs.shape[0], 4)
        s = xs.new_ones(xs.shape[0], 4)
        ys = []
        for t in range(xs.shape[1]):
            a, g = (xs[:, t] @ c.W.T).chunk(2, -1)
            p = torch.softmax(torch.cat([a, h @ c.U.T], -1), -1)
            m = p[:, :4] + p[:, 4:]
            s_new = s / (1 + torch.exp(-g)) + torch.log(1 + m * m)
            h_new = torch.tanh(torch.relu(a) - F.gelu(-h) * m + c.b) * s_new / (s_new + 2)
            y = h_new * 0.5 - s_new
            if n is not None:  # padded steps keep the states and emit zeros
                real = (t < n)[:, None]
                h_new, s_new, y = torch.where(real, h_new, h), torch.where(real, s_new, s), y * real
            h, s = h_new, s_new
            ys.append(y)
        return torch.stack(ys, 1), h, s


# --- masking and `last`, encoder-decoders ----------------------------------------------

class MaskedLast(Case):
    DOC = "a name classifier: embed, gru, last (step length - 1 of each padded sequence), dense"
    SEQ = """
model MaskedLast {
  input name: [B, T] int < 9
  name |> embed(4) |> gru(5) |> last |> dense(2) -> logits
  output logits
}
"""
    INPUTS = [("name", "int", 9)]
    OUTPUTS = ["logits"]

    def __init__(self):
        super().__init__()
        self.embed0 = nn.Embedding(9, 4)
        self.gru0 = nn.GRU(4, 5, batch_first=True)
        self.dense0 = nn.Linear(5, 2)

    def forward(self, x, lengths):
        seq, _ = R.recurrent(self.gru0, self.embed0(x["name"]), lengths["T"])
        return (self.dense0(R.last(seq, lengths["T"])),)


SEQ2SEQ_RUNS = [
    (1, {"S": 1, "T": 1}, None),
    (3, {"S": 5, "T": 4}, {"S": [5, 2, 1], "T": [4, 4, 2]}),
    (2, {"S": 6, "T": 3}, None),
    (2, {"S": 200, "T": 201}, {"S": [200, 77], "T": [201, 150]}),
    (1, {"S": 1, "T": 1}, {"S": [1], "T": [1]}),
    (2, {"S": 1, "T": 3}, {"S": [1, 1], "T": [3, 1]}),
    (3, {"S": 4, "T": 1}, {"S": [1, 4, 2], "T": [1, 1, 1]}),
]


class EncoderDecoder(Case):
    DOC = "an LSTM encoder whose final (h, c) starts an LSTM decoder (init = enc.state)"
    SEQ = """
model EncoderDecoder {
  input src: [B, S] int < 8
  input tgt: [B, T] int < 6
  enc = src |> embed(4) |> lstm(5)
  tgt |> embed(3) |> lstm(5, init = enc.state) |> dense(6) -> logits
  output logits
}
"""
    INPUTS = [("src", "int", 8), ("tgt", "int", 6)]
    TIME = {"src": "S", "tgt": "T"}
    OUTPUTS = ["logits"]
    RUNS = SEQ2SEQ_RUNS

    def __init__(self):
        super().__init__()
        self.embed0 = nn.Embedding(8, 4)
        self.lstm0 = nn.LSTM(4, 5, batch_first=True)
        self.embed1 = nn.Embedding(6, 3)
        self.lstm1 = nn.LSTM(3, 5, batch_first=True)
        self.dense0 = nn.Linear(5, 6)

    def forward(self, x, lengths):
        _, state = R.recurrent(self.lstm0, self.embed0(x["src"]), lengths["S"])
        dec, _ = R.recurrent(self.lstm1, self.embed1(x["tgt"]), lengths["T"], state)
        return (self.dense0(dec),)


class EncoderDecoderGru(Case):
    DOC = "a 2-layer GRU encoder-decoder on float features, with the encoder's top h as an output"
    SEQ = """
model EncoderDecoderGru {
  input src: [B, S, 3]
  input tgt: [B, T, 2]
  enc = src |> gru(4, layers = 2)
  tgt |> gru(4, layers = 2, init = enc.state) |> dense(3) -> y
  top = enc.h
  output y, top
}
"""
    INPUTS = [("src", "float", 3), ("tgt", "float", 2)]
    TIME = {"src": "S", "tgt": "T"}
    OUTPUTS = ["y", "top"]
    RUNS = SEQ2SEQ_RUNS

    def __init__(self):
        super().__init__()
        self.gru0 = nn.GRU(3, 4, num_layers=2, batch_first=True)
        self.gru1 = nn.GRU(2, 4, num_layers=2, batch_first=True)
        self.dense0 = nn.Linear(4, 3)

    def forward(self, x, lengths):
        _, h = R.recurrent(self.gru0, x["src"], lengths["S"])
        dec, _ = R.recurrent(self.gru1, x["tgt"], lengths["T"], h)
        return self.dense0(dec), h[-1]


class Silu(Case):
    DOC = "silu (PyTorch's SiLU, x * sigmoid(x)) between two dense layers"
    SEQ = """
model Silu {
  input x: [B, T, 3]
  x |> dense(4) |> silu |> dense(2) -> y
  output y
}
"""
    INPUTS = [("x", "float", 3)]
    OUTPUTS = ["y"]

    def __init__(self):
        super().__init__()
        self.dense0 = nn.Linear(3, 4)
        self.dense1 = nn.Linear(4, 2)

    def forward(self, x, lengths):
        return (self.dense1(F.silu(self.dense0(x["x"]))),)


CASES = [EmbedDense, Elementwise, Reductions, Pools, ShortWindows, ConvSame, ConvValidStrided, ConvCausal,
         ConvSameStrided, RnnTanh, RnnRelu, Lstm, Gru, BiRnn, BiLstm, BiGru, Lstm2Bi, Gru3, RnnRelu2Bi,
         StackWidths, ElmanCell, BiElmanCell, LstmCell, GruCell, CellOps, MaskedLast, EncoderDecoder,
         EncoderDecoderGru, Silu]
