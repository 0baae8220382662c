"""Losses as sums with their counts, so that shares of a batch on several processes add up
to the loss of the whole batch (seqlab's means: over examples, or over real tokens)."""

import torch
import torch.nn.functional as F


def target_mask(batch, steps, lengths, device):
    """[B, T] float: 1 on real target steps, 0 on padding (all 1 without lengths)."""
    if lengths is None:
        return torch.ones(batch, steps, device=device)
    return (torch.arange(steps, device=device)[None, :] < lengths[:, None].to(device)).float()


def token_nll(logits, targets):
    """-log p(target) shaped like targets; ids outside [0, C) (padding markers) give 0."""
    classes = logits.shape[-1]
    ids = targets.long()
    valid = (ids >= 0) & (ids < classes)
    picked = torch.gather(F.log_softmax(logits, -1), -1, ids.clamp(0, classes - 1)[..., None])
    return -picked[..., 0] * valid


def squared_errors(pred, targets, lengths):
    """Squared errors and their weights (the per-step mask broadcast over feature axes)."""
    y = targets.float().reshape(pred.shape) if targets.numel() == pred.numel() else targets.float()
    sq = (pred - y) ** 2
    if lengths is None or pred.dim() < 2:
        return sq, torch.ones_like(sq), y
    mask = target_mask(pred.shape[0], pred.shape[1], lengths, pred.device)
    weight = mask.reshape(*mask.shape, *([1] * (pred.dim() - 2))).expand_as(sq)
    return sq * weight, weight, y


def loss_sum(kind, output, targets, lengths):
    """(sum of the loss terms, how many terms): the loss is sum / count."""
    if kind == "cross_entropy":
        nll = token_nll(output, targets)
        if nll.dim() == 1:
            return nll.sum(), float(nll.numel())
        mask = target_mask(nll.shape[0], nll.shape[1], lengths, nll.device)
        return (nll * mask).sum(), float(mask.sum())
    sq, weight, _ = squared_errors(output, targets, lengths)
    return sq.sum(), float(weight.sum())
