"""Learning-rate schedules, the same pure functions of the 0-based step as seqlab's tfjs
engine (packages/tfjs/src/train/schedule.ts)."""

import math


def scheduled_lr(base, schedule, step):
    """The learning rate at 0-based `step` for a schedule dict from job.json (or None)."""
    if not schedule or schedule["kind"] == "constant":
        return base
    kind = schedule["kind"]
    if kind == "step":
        return base * schedule["gamma"] ** (step // max(1, schedule["every"]))
    if kind == "warmup":
        return base * min(1.0, (step + 1) / max(1, schedule["steps"]))
    if kind == "cosine":
        if step < schedule["warmup"]:
            return base * (step + 1) / schedule["warmup"]
        span = max(1, schedule["total"] - schedule["warmup"])
        progress = min(1.0, (step - schedule["warmup"]) / span)
        return base * 0.5 * (1 + math.cos(math.pi * progress))
    raise ValueError(f"unknown schedule {kind!r}")
