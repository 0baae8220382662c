"""The data seqlab's readers made, as arrays this side memory-maps, and the batches of
seqlab's plans padded exactly as seqlab pads them (packages/data/src/batching.ts: pad id
0, zeros for floats, to the longest sequence of the batch).

Layout of JOB/data/SPLIT/: FIELD.npy holds every example's values back to back (steps of
time fields concatenated), FIELD.offsets.npy the step offsets [N + 1] of time fields.
JOB/plans/NAME.npy holds the example indices of every batch back to back and
NAME.offsets.npy where each batch starts."""

import os

import numpy as np
import torch


class Split:
    """One split's fields, memory-mapped."""

    def __init__(self, folder, fields):
        self.fields = fields
        self.values = {}
        self.offsets = {}
        for f in fields:
            name = f["name"]
            self.values[name] = np.load(os.path.join(folder, name + ".npy"), mmap_mode="r")
            if f.get("time"):
                self.offsets[name] = np.load(os.path.join(folder, name + ".offsets.npy"))

    def lengths_of(self, indices, time):
        """The lengths along time symbol `time` of these examples (numpy int64)."""
        for f in self.fields:
            if f.get("time") == time:
                offsets = self.offsets[f["name"]]
                return offsets[np.asarray(indices) + 1] - offsets[indices]
        raise KeyError(f"no field runs along {time}")

    def longest(self, indices, name):
        """Steps of field `name` once these examples are padded together (0: no time axis)."""
        if name not in self.offsets:
            return int(self.values[name].shape[1]) if self.values[name].ndim > 1 else 0
        offsets = self.offsets[name]
        return int((offsets[np.asarray(indices) + 1] - offsets[indices]).max(initial=0))

    def collate(self, indices, pad_to=None):
        """Padded tensors by field name, and lengths by time symbol, for these examples.
        `pad_to` ({time symbol: steps}) pads those time fields to at least that many steps
        (a global batch's longest, when a process holds only part of it)."""
        tensors, lengths = {}, {}
        for f in self.fields:
            name, time = f["name"], f.get("time")
            values = self.values[name]
            if not time:
                tensors[name] = torch.from_numpy(np.ascontiguousarray(values[indices]))
                continue
            starts, ends = self.offsets[name][indices], self.offsets[name][np.asarray(indices) + 1]
            lens = (ends - starts).astype(np.int32)
            lengths.setdefault(time, torch.from_numpy(lens))
            width = values.shape[1:]
            steps = max(int(lens.max(initial=0)), (pad_to or {}).get(time, 0))
            out = np.zeros((len(indices), steps, *width), dtype=values.dtype)
            for b, (s, e) in enumerate(zip(starts, ends)):
                out[b, : e - s] = values[s:e]
            tensors[name] = torch.from_numpy(out)
        return tensors, lengths


def load_plan(folder, name):
    """The batches of a plan as lists of example indices."""
    flat = np.load(os.path.join(folder, name + ".npy"))
    bounds = np.load(os.path.join(folder, name + ".offsets.npy"))
    return [flat[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1)]
