#!/usr/bin/python3
"""Checks every examples/*.seq against PyTorch, end to end through the seqlab CLI.

For each example: `seqlab export --to pytorch` and `--to safetensors --seed 0`; PyTorch
loads both (load_state_dict, strict); random inputs at B = 3 with padded lengths, at B = 1
and T = 1 with lengths, and with lengths of 1 beside a full one go to PyTorch's forward and
to `seqlab run`; the outputs must agree within 1e-4.

    /usr/bin/python3 tools/conformance/check_examples.py [--seqlab "node apps/cli/bin/seqlab.js"]
        [--backend cpu] [examples/names.seq ...]

Needs python3-torch (Debian) and a built CLI (`node tools/build/build-cli.mjs`).
"""
import argparse
import glob
import importlib.util
import json
import os
import shlex
import subprocess
import sys
import tempfile

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOLERANCE = 1e-4


def seqlab(cmd, *args):
    """Runs the CLI; returns stdout, failing loudly with its stderr."""
    done = subprocess.run(shlex.split(cmd) + list(args), cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"seqlab {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def load_module(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3].replace("-", "_"), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Batch shapes: (label, batch, steps of every time axis or None for distinct sizes 7, 9, ...,
# lengths or None for random padded ones). Then sequences of length one: B = 1 and T = 1
# with lengths, and lengths of 1 beside a full one.
SHAPES = [
    ("padded", 3, None, None),
    ("T=1", 1, 1, [1]),
    ("lengths 1", 3, 4, [4, 1, 1]),
]


def random_inputs(report, rng, batch=3, steps=None, given=None):
    """Inputs shaped as declared (symbolic time dims get `steps`, or distinct sizes) and lengths."""
    sizes, inputs = {"B": batch}, {}
    for i, port in enumerate(report["inputs"]):
        shape = []
        for d in port["shape"]:
            if isinstance(d, str) and d not in sizes:
                sizes[d] = steps if steps is not None else 7 + 2 * (len(sizes) - 1)
            shape.append(sizes[d] if isinstance(d, str) else d)
        if port["dtype"] == "int32":
            inputs[port["name"]] = rng.integers(0, port["vocab"], size=shape).astype(np.int64)
        else:
            inputs[port["name"]] = rng.standard_normal(shape).astype(np.float32)
    lengths = {}
    for symbol, n in sizes.items():
        if symbol == "B":
            continue
        values = given if given is not None else [n] + list(rng.integers(1, n + 1, size=batch - 1))
        lengths[symbol] = np.array(values, dtype=np.int64)
    return inputs, lengths


def label(example):
    """`names` for examples/names.seq, `lstm` for fixtures/lstm/model.seq."""
    base = os.path.splitext(os.path.basename(example))[0]
    return os.path.basename(os.path.dirname(os.path.abspath(example))) if base == "model" else base


def check(example, cmd, backend, workdir, rng, shape=SHAPES[0]):
    name = label(example)
    _, batch, steps, given = shape
    py, weights = os.path.join(workdir, f"{name}.py"), os.path.join(workdir, f"{name}.safetensors")
    seqlab(cmd, "export", example, "--to", "pytorch", "-o", py)
    seqlab(cmd, "export", example, "--to", "safetensors", "--seed", "0", "-o", weights)
    report = json.loads(seqlab(cmd, "inspect", example, "--json"))
    masked = set(json.loads(seqlab(cmd, "inspect", example, "--ir"))["graph"].get("lengths", {}))
    module = load_module(py)
    model = module.build_model()
    model.load_state_dict(module.load_safetensors(weights), strict=True)
    model.eval()

    inputs, lengths = random_inputs(report, rng, batch, steps, given)
    args = ["run", example, "--weights", weights, "--backend", backend]
    for key, value in inputs.items():
        np.save(os.path.join(workdir, f"{name}.in.{key}.npy"), value)
        args += ["--input", f"{key}={os.path.join(workdir, f'{name}.in.{key}.npy')}"]
    for symbol, value in lengths.items():
        np.save(os.path.join(workdir, f"{name}.len.{symbol}.npy"), value)
        args += ["--lengths", f"{symbol}={os.path.join(workdir, f'{name}.len.{symbol}.npy')}"]
    outs = [port["name"] for port in report["outputs"]]
    for key in outs:
        args += ["--output", f"{key}={os.path.join(workdir, f'{name}.out.{key}.npy')}"]
    seqlab(cmd, *args)

    symbols = sorted(s for s in lengths if s in masked)
    kwargs = {"lengths": torch.from_numpy(lengths[symbols[0]])} if len(symbols) == 1 else {
        f"lengths_{s}": torch.from_numpy(lengths[s]) for s in symbols}
    with torch.no_grad():
        expected = model(*[torch.from_numpy(v) for v in inputs.values()], **kwargs)
    if not isinstance(expected, tuple):
        expected = (expected,)
    worst = 0.0
    for key, want in zip(outs, expected):
        got = np.load(os.path.join(workdir, f"{name}.out.{key}.npy"))
        if got.shape != tuple(want.shape):
            raise AssertionError(f"{name}.{key}: seqlab {got.shape} vs PyTorch {tuple(want.shape)}")
        worst = max(worst, float(np.abs(got - want.numpy()).max()))
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("examples", nargs="*")
    parser.add_argument("--seqlab", default="node apps/cli/bin/seqlab.js")
    parser.add_argument("--backend", default="cpu")
    opts = parser.parse_args()
    examples = opts.examples or sorted(glob.glob(os.path.join(ROOT, "examples", "*.seq")))
    rng = np.random.default_rng(0)
    failed = 0
    with tempfile.TemporaryDirectory() as workdir:
        for example in examples:
            for shape in SHAPES:
                what = f"{label(example):24s} {shape[0]:10s}"
                try:
                    worst = check(example, opts.seqlab, opts.backend, workdir, rng, shape)
                    ok = worst <= TOLERANCE
                    failed += not ok
                    print(f"{'ok  ' if ok else 'FAIL'} {what} max |seqlab - torch| = {worst:.2e}")
                except Exception as e:  # report every example, then fail
                    failed += 1
                    print(f"FAIL {what} {e}")
    total = len(examples) * len(SHAPES)
    print(f"{total - failed}/{total} example batches ({len(SHAPES)} shapes each) agree with PyTorch within {TOLERANCE}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
