"""Gradient clipping as seqlab's tfjs engine does it (PyTorch's semantics)."""

import torch


def clip_gradients(params, clip_norm=None, clip_value=None):
    """Clips the .grad of `params` in place; returns (norm before clipping, clipped?).

    Norm first (clip_grad_norm_: g *= min(1, max_norm / (norm + 1e-6))), then by value."""
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return 0.0, False
    norm = torch.sqrt(sum(torch.sum(g.detach() ** 2) for g in grads))
    clipped = False
    if clip_norm is not None:
        coef = torch.clamp(clip_norm / (norm + 1e-6), max=1.0)
        for g in grads:
            g.mul_(coef)
        clipped = bool(norm > clip_norm)
    if clip_value is not None:
        biggest = max(float(g.abs().max()) for g in grads)
        for g in grads:
            g.clamp_(-clip_value, clip_value)
        clipped = clipped or biggest > clip_value
    return float(norm), clipped
