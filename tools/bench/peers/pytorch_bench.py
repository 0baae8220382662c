"""The PyTorch peer of `npm run bench`: the four bench models in PyTorch on the CPU.

nn.RNN / nn.LSTM / nn.GRU (batch_first) with the last step into nn.Linear; the cnn is two
Conv1d(k=3, padding=1) + relu, the mean over time, nn.Linear. A training step is zero_grad,
forward, cross_entropy, backward, Adam step and loss.item(); inference runs under
torch.no_grad(). Medians in ms after warm-up, one JSON line per cell on stdout, in the
format of tools/bench/peers/peer-json.ts. Threads: whatever torch picks by default.

Run: /usr/bin/python3 tools/bench/peers/pytorch_bench.py [--models rnn,lstm,gru,cnn]
       [--sizes small,large] [--steps N] [--warmup N] [--batch B] [--time T] [--input D]
       [--hidden H]     (the last four override the sizes; --info prints versions only)
"""

import argparse
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

# The same numbers as SIZES and DEFAULT_PLANS in tools/bench/rows.ts.
SIZES = {
    "small": {"batch": 32, "time": 50, "input": 8, "hidden": 64},
    "large": {"batch": 64, "time": 100, "input": 32, "hidden": 256},
}
PLANS = {"small": {"steps": 20, "warmup": 5}, "large": {"steps": 5, "warmup": 2}}
MODELS = ["rnn", "lstm", "gru", "cnn"]
CLASSES = 4


class Recurrent(nn.Module):
    """A recurrent layer over [B, T, D], its last step classified."""

    def __init__(self, kind, d, h):
        super().__init__()
        cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]
        self.rnn = cls(d, h, batch_first=True)
        self.fc = nn.Linear(h, CLASSES)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, -1])


class Cnn(nn.Module):
    """Two conv1d (k=3, same) + relu over time, the mean over time, classified."""

    def __init__(self, d, h):
        super().__init__()
        self.conv1 = nn.Conv1d(d, h, 3, padding=1)
        self.conv2 = nn.Conv1d(h, h, 3, padding=1)
        self.fc = nn.Linear(h, CLASSES)

    def forward(self, x):
        y = x.transpose(1, 2)  # PyTorch convolves [B, D, T]
        y = F.relu(self.conv2(F.relu(self.conv1(y))))
        return self.fc(y.mean(dim=2))


def build(kind, cfg):
    if kind == "cnn":
        return Cnn(cfg["input"], cfg["hidden"])
    return Recurrent(kind, cfg["input"], cfg["hidden"])


def ms(fn, warmup, steps):
    samples = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        fn()
        if i >= warmup:
            samples.append((time.perf_counter() - t0) * 1000.0)
    return samples


def bench_cell(kind, size, cfg, plan):
    head = {
        "engine": "pytorch",
        "runtime": "python",
        "backend": "cpu",
        "model": kind,
        "size": size,
        **cfg,
        **plan,
        "threads": torch.get_num_threads(),
    }
    try:
        torch.manual_seed(0)
        model = build(kind, cfg)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        x = torch.randn(cfg["batch"], cfg["time"], cfg["input"])
        y = torch.randint(0, CLASSES, (cfg["batch"],))

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            loss.item()

        def infer():
            with torch.no_grad():
                model(x).numpy()

        steps = ms(step, plan["warmup"], plan["steps"])
        infers = ms(infer, plan["warmup"], plan["steps"])
        return {
            **head,
            "params": sum(p.numel() for p in model.parameters()),
            "ms_per_step": round(statistics.median(steps), 3),
            "infer_ms": round(statistics.median(infers), 3),
            "step_ms_all": [round(s, 3) for s in steps],
            "infer_ms_all": [round(s, 3) for s in infers],
        }
    except Exception as e:  # one failing cell must not lose the others
        return {**head, "error": f"{type(e).__name__}: {e}".split("\n")[0]}


def names(value, allowed, flag):
    items = [s for s in value.split(",") if s]
    bad = [s for s in items if s not in allowed]
    if bad:
        sys.exit(f"pytorch_bench: {flag}: unknown {', '.join(bad)}; choose from {', '.join(allowed)}")
    return items


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--models", default=",".join(MODELS))
    p.add_argument("--sizes", default="small,large")
    for flag in ("steps", "warmup", "batch", "time", "input", "hidden"):
        p.add_argument(f"--{flag}", type=int)
    p.add_argument("--info", action="store_true", help="print torch's version and threads")
    a = p.parse_args()
    print(f"pytorch_bench: torch {torch.__version__}, {torch.get_num_threads()} threads", file=sys.stderr)
    if a.info:
        print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                          "python": sys.version.split()[0]}))
        return
    for size in names(a.sizes, list(SIZES), "--sizes"):
        cfg = {k: (getattr(a, k) if getattr(a, k) is not None else v) for k, v in SIZES[size].items()}
        plan = {k: (getattr(a, k) if getattr(a, k) is not None else v) for k, v in PLANS[size].items()}
        for kind in names(a.models, MODELS, "--models"):
            print(json.dumps(bench_cell(kind, size, cfg, plan)), flush=True)


if __name__ == "__main__":
    main()
