"""Evaluation metrics with the definitions of seqlab's tfjs engine
(packages/tfjs/src/train/metrics.ts): loss, accuracy and token accuracy over real steps,
perplexity, word accuracy and edit-distance error rates over argmax sequences, and mse,
mae, rmse, r2 over real target elements. Any non-finite output voids every metric."""

import math

import torch

from .losses import squared_errors, target_mask, token_nll


def edit_distance(a, b):
    """Levenshtein distance with unit costs."""
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i]
        for j in range(1, len(b) + 1):
            row.append(min(prev[j - 1] + (a[i - 1] != b[j - 1]), prev[j] + 1, row[j - 1] + 1))
        prev = row
    return prev[len(b)]


SEQUENCE_METRICS = ("word_accuracy", "phoneme_error_rate", "character_error_rate")


class MetricAccumulator:
    """Running sums over evaluation batches."""

    def __init__(self, loss, want_sequences):
        self.classify = loss == "cross_entropy"
        self.want_sequences = want_sequences
        self.sums = dict(loss=0.0, count=0.0, correct=0.0, total=0.0, nll=0.0,
                         abs=0.0, y=0.0, ysq=0.0)
        self.non_finite = 0
        self.values = 0
        self.predictions, self.references = [], []

    @torch.no_grad()
    def add(self, output, targets, lengths):
        self.non_finite += int((~torch.isfinite(output)).sum())
        self.values += output.numel()
        s = self.sums
        if not self.classify:
            sq, weight, y = squared_errors(output, targets, lengths)
            s["loss"] += float(sq.sum())
            s["count"] += float(weight.sum())
            s["abs"] += float(((output - y).abs() * weight).sum())
            s["y"] += float((y * weight).sum())
            s["ysq"] += float((y * weight * y).sum())
            return
        nll = token_nll(output, targets)
        mask = (torch.ones_like(nll) if nll.dim() == 1
                else target_mask(nll.shape[0], nll.shape[1], lengths, nll.device))
        hit = (output.argmax(-1) == targets.long()).float()
        s["loss"] += float((nll * mask).sum())
        s["nll"] += float((nll * mask).sum())
        s["count"] += float(mask.sum())
        s["total"] += float(mask.sum())
        s["correct"] += float((hit * mask).sum())
        if self.want_sequences and output.dim() == 3:
            pred = output.argmax(-1).tolist()
            refs = targets.tolist()
            lens = lengths.tolist() if lengths is not None else [len(r) for r in refs]
            for b, ref in enumerate(refs):
                self.references.append(ref[: lens[b]])
                self.predictions.append(pred[b][: lens[b]])

    def _regression(self, name):
        s, n = self.sums, self.sums["count"]
        if n == 0:
            return math.nan
        mse = s["loss"] / n
        if name == "mse":
            return mse
        if name == "mae":
            return s["abs"] / n
        if name == "rmse":
            return math.sqrt(mse)
        variance = s["ysq"] / n - (s["y"] / n) ** 2
        return 1 - mse / variance if variance > 0 else math.nan

    def _one(self, name):
        s, ce = self.sums, self.classify
        if name == "loss":
            return s["loss"] / s["count"] if s["count"] else math.nan
        if name in ("accuracy", "token_accuracy"):
            return s["correct"] / s["total"] if ce and s["total"] else math.nan
        if name == "perplexity":
            return math.exp(s["nll"] / s["total"]) if ce and s["total"] else math.nan
        if name in SEQUENCE_METRICS:
            if not self.references:
                return math.nan
            if name == "word_accuracy":
                hits = sum(p == r for p, r in zip(self.predictions, self.references))
                return hits / len(self.references)
            edits = sum(edit_distance(p, r) for p, r in zip(self.predictions, self.references))
            length = sum(len(r) for r in self.references)
            return edits / length if length else 0.0
        if name in ("mse", "mae", "rmse", "r2"):
            return math.nan if ce else self._regression(name)
        raise ValueError(f"unknown metric {name!r}")

    def scores(self, names):
        """{"ok": True, "metrics": {...}} or the count of non-finite outputs."""
        if self.non_finite > 0:
            return {"ok": False, "nonFinite": self.non_finite, "values": self.values}
        return {"ok": True, "metrics": {n: self._one(n) for n in names}}
