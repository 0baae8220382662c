#!/usr/bin/python3
"""Both round trips of the README's "PyTorch interop" section, checked end to end.

1. Train in seqlab (a short names.seq run) -> `seqlab export RUN --to pytorch` -> PyTorch
   loads the run's weights.safetensors -> the same logits as `seqlab run RUN`.
2. Train in PyTorch (rnn-classifier.seq exported, a few Adam steps on random data) ->
   save_safetensors -> `seqlab run examples/rnn-classifier.seq --weights ...` -> the same
   logits as PyTorch.

    /usr/bin/python3 tools/conformance/round_trip.py [--seqlab "node apps/cli/bin/seqlab.js"]
"""
import argparse
import os
import sys
import tempfile

import numpy as np
import torch

from check_examples import ROOT, load_module, seqlab

TOLERANCE = 1e-4


def seqlab_to_pytorch(cmd, work):
    run = os.path.join(work, "run")
    seqlab(cmd, "train", "examples/names.seq", "--limit", "640", "--epochs", "1", "--backend", "cpu",
           "--out", run)
    seqlab(cmd, "export", run, "--to", "pytorch", "-o", os.path.join(work, "names.py"))
    names = load_module(os.path.join(work, "names.py"))
    model = names.build_model()
    model.load_state_dict(names.load_safetensors(os.path.join(run, "weights.safetensors")))
    model.eval()
    rng = np.random.default_rng(1)
    vocab = model.hyperparameters["vocab"]
    ids = rng.integers(1, vocab, size=(4, 9)).astype(np.int64)
    lengths = np.array([9, 5, 3, 7], dtype=np.int64)
    np.save(os.path.join(work, "ids.npy"), ids)
    np.save(os.path.join(work, "len.npy"), lengths)
    seqlab(cmd, "run", run, "--input", f"name={work}/ids.npy", "--lengths", f"T={work}/len.npy",
           "--output", f"logits={work}/logits.npy", "--backend", "cpu")
    with torch.no_grad():
        want = model(torch.from_numpy(ids), lengths=torch.from_numpy(lengths)).numpy()
    return float(np.abs(np.load(os.path.join(work, "logits.npy")) - want).max())


def pytorch_to_seqlab(cmd, work):
    seqlab(cmd, "export", "examples/rnn-classifier.seq", "--to", "pytorch", "-o", os.path.join(work, "rnn.py"))
    rnn = load_module(os.path.join(work, "rnn.py"))
    torch.manual_seed(0)
    model = rnn.build_model()
    x = torch.randn(32, 12, 8)
    lengths = torch.randint(1, 13, (32,))
    y = (x[:, :, 0].sum(1) > 0).long() + 2 * (x[:, :, 1].sum(1) > 0).long()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(20):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x, lengths=lengths), y)
        loss.backward()
        optimizer.step()
    rnn.save_safetensors(model.state_dict(), os.path.join(work, "trained.safetensors"))
    np.save(os.path.join(work, "x.npy"), x.numpy())
    np.save(os.path.join(work, "xlen.npy"), lengths.numpy())
    seqlab(cmd, "run", "examples/rnn-classifier.seq", "--weights", f"{work}/trained.safetensors",
           "--input", f"x={work}/x.npy", "--lengths", f"T={work}/xlen.npy", "--output", f"{work}/out.npy",
           "--backend", "cpu")
    model.eval()
    with torch.no_grad():
        want = model(x, lengths=lengths).numpy()
    return float(np.abs(np.load(os.path.join(work, "out.npy")) - want).max())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seqlab", default="node apps/cli/bin/seqlab.js")
    opts = parser.parse_args()
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as work:
        a = seqlab_to_pytorch(opts.seqlab, work)
        print(f"seqlab-trained names.seq in PyTorch:   max |seqlab - torch| = {a:.2e}")
        b = pytorch_to_seqlab(opts.seqlab, work)
        print(f"PyTorch-trained rnn-classifier in seqlab: max |seqlab - torch| = {b:.2e}")
    sys.exit(0 if max(a, b) <= TOLERANCE else 1)


if __name__ == "__main__":
    main()
