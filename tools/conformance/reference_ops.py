"""seqlab's semantics written directly in PyTorch, for the hand-written reference modules.

Built-in recurrences run as packed sequences (padded steps keep the state and emit zeros;
h_n is each sequence's last real step; the reverse direction starts there). Reductions over
time ignore padding; `last` takes step length - 1. `same` windows follow TensorFlow: the
output has ceil(T / stride) steps and any odd padding goes on the right (for stride 1 this
is nn.Conv1d(padding='same')); `same` average pooling does not count the padding.
"""
import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def recurrent(layer, x, lengths=None, state=None):
    """nn.RNN/LSTM/GRU, batch first, packed when lengths are given."""
    if lengths is None:
        return layer(x, state)
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    out, final = layer(packed, state)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
    return out, final


def top(h_n, directions):
    """[layers*dirs, B, H] -> [B, dirs*H] of the top layer."""
    return torch.cat([h_n[-directions + d] for d in range(directions)], dim=-1)


def mask(lengths, x):
    """[B, T, 1] float mask of the real steps (all ones without lengths)."""
    if lengths is None:
        return torch.ones(x.shape[0], x.shape[1], 1, dtype=x.dtype)
    return (torch.arange(x.shape[1])[None, :] < lengths[:, None]).to(x.dtype)[..., None]


def mean_time(x, lengths):
    if lengths is None:
        return x.mean(1)
    return (x * mask(lengths, x)).sum(1) / lengths.to(x.dtype)[:, None]


def sum_time(x, lengths):
    return (x * mask(lengths, x)).sum(1)


def max_time(x, lengths):
    return torch.where(mask(lengths, x) > 0, x, torch.full_like(x, -float("inf"))).max(1).values


def last(x, lengths):
    index = torch.full((x.shape[0],), x.shape[1] - 1) if lengths is None else lengths - 1
    return x[torch.arange(x.shape[0]), index]


def same_pad(steps, kernel, stride, dilation=1):
    span = dilation * (kernel - 1) + 1
    out = (steps + stride - 1) // stride
    total = max((out - 1) * stride + span - steps, 0)
    return total // 2, total - total // 2


def conv(layer, x, padding):
    """nn.Conv1d over [B, T, D] (PyTorch wants [B, D, T]) with seqlab's padding modes."""
    k, s, d = layer.kernel_size[0], layer.stride[0], layer.dilation[0]
    xt = x.transpose(1, 2)
    if padding == "causal":
        xt = F.pad(xt, (d * (k - 1), 0))
    elif padding == "same" and layer.padding != "same":  # PyTorch's own 'same' is stride 1 only
        xt = F.pad(xt, same_pad(x.shape[1], k, s, d))
    return layer(xt).transpose(1, 2)


def max_pool(x, kernel, stride, padding):
    xt = x.transpose(1, 2)
    if padding == "same":
        xt = F.pad(xt, same_pad(x.shape[1], kernel, stride), value=-float("inf"))
    return F.max_pool1d(xt, kernel, stride).transpose(1, 2)


def avg_pool(x, kernel, stride, padding):
    xt = x.transpose(1, 2)
    if padding != "same":
        return F.avg_pool1d(xt, kernel, stride).transpose(1, 2)
    pad = same_pad(x.shape[1], kernel, stride)
    sums = F.avg_pool1d(F.pad(xt, pad), kernel, stride) * kernel
    counts = F.avg_pool1d(F.pad(torch.ones_like(xt), pad), kernel, stride) * kernel
    return (sums / counts).transpose(1, 2)
