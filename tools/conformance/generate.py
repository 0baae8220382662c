#!/usr/bin/python3
"""Writes the conformance fixtures: for every case in cases.py, PyTorch's answers.

    /usr/bin/python3 tools/conformance/generate.py        # needs python3-torch (Debian)

Per case, fixtures/<case>/ holds model.seq, reference.py (the PyTorch module), weights
.safetensors (PyTorch's own seeded initialisation, under seqlab's parameter names) and one
run-<k>.safetensors per run with the inputs, lengths, expected outputs and the expected
gradients of the fixed loss  L = sum_k sum_i w_i * out_k[i],  w_i = f32(((37 i) mod 11 + 1) / 6)
(i the flat C-order index into output k) with respect to every parameter and float input.
Expected values are computed in float64 from the float32 weights and inputs; manifest.json
also records how far PyTorch's own float32 forward and backward are from them.
"""
import copy
import inspect
import json
import os
import shutil
import subprocess
import zlib

import numpy as np
import torch
from torch import nn

import st_io
from cases import CASES

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")


def kebab(name):
    return "".join("-" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


def loss_weights(n):
    i = np.arange(n, dtype=np.int64)
    return (((i * 37) % 11 + 1) / 6).astype(np.float32)


def seqlab_names(case, model):
    if case.MAPPING:
        return list(case.MAPPING)
    return [k for k in model.state_dict() if k not in case.FIXED]


def prepare(case):
    torch.manual_seed(zlib.crc32(case.__name__.encode()))
    model = case()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.LayerNorm):  # PyTorch starts these at 1 and 0: make them count
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
        params = dict(model.named_parameters())
        for name, value in case.FIXED.items():
            params[name].fill_(value)
            params[name].requires_grad_(False)
    return model.eval()


def make_inputs(case, batch, dims, rng):
    arrays = {}
    for name, kind, size in case.INPUTS:
        steps = dims[case.TIME.get(name, "T")]
        if kind == "int":
            arrays[name] = rng.integers(0, size, size=(batch, steps)).astype(np.int64)
        else:
            arrays[name] = rng.standard_normal((batch, steps, size)).astype(np.float32)
    return arrays


def evaluate(case, model, arrays, lengths, dtype):
    """Outputs and gradients of the fixed loss, in `dtype`."""
    model = model.to(dtype)
    model.zero_grad(set_to_none=True)
    inputs = {}
    for name, kind, _ in case.INPUTS:
        t = torch.from_numpy(arrays[name])
        inputs[name] = t if kind == "int" else t.to(dtype).requires_grad_(True)
    lens = {s: None for s in set(case.TIME.values()) | {"T"}}
    lens.update({s: torch.tensor(v, dtype=torch.int64) for s, v in (lengths or {}).items()})
    outputs = model(inputs, lens)
    loss = sum((o * torch.from_numpy(loss_weights(o.numel())).to(dtype).reshape(o.shape)).sum()
               for o in outputs)
    loss.backward()
    params = dict(model.named_parameters())
    grads = {}
    for name in seqlab_names(case, model):
        p = params[case.MAPPING.get(name, name)]
        grads[name] = (p.grad if p.grad is not None else torch.zeros_like(p)).detach().numpy()
    for name, kind, _ in case.INPUTS:
        if kind == "float":
            grads[f"input:{name}"] = inputs[name].grad.detach().numpy()
    return [o.detach().numpy() for o in outputs], grads


def rel_error(got, want):
    scale = max(float(np.abs(want).max()), 1e-6)
    return float(np.abs(got - want).max()) / scale


def reference_source(case, model):
    lines = [f'"""{case.__name__}: {case.DOC}.', "", "The PyTorch module (attributes named like seqlab's layers):", ""]
    lines += ["    " + line for line in repr(model).splitlines()]
    lines += ["", "R is tools/conformance/reference_ops.py (seqlab's padding semantics).", '"""', ""]
    lines += [inspect.getsource(case.forward).replace("    def forward", "def forward", 1)]
    return "\n".join(lines)


def generate(case):
    name = kebab(case.__name__)
    folder = os.path.join(OUT, name)
    os.makedirs(folder)
    model = prepare(case)
    names = seqlab_names(case, model)
    params = dict(model.named_parameters())
    with open(os.path.join(folder, "model.seq"), "w") as f:
        f.write(f"# {case.DOC}\n" + case.SEQ.lstrip())
    with open(os.path.join(folder, "reference.py"), "w") as f:
        f.write(reference_source(case, model))
    st_io.save(os.path.join(folder, "weights.safetensors"),
               {n: params[case.MAPPING.get(n, n)].detach().numpy().astype(np.float32) for n in names})

    rng = np.random.default_rng(zlib.crc32(name.encode()))
    runs, worst_out, worst_grad = [], 0.0, 0.0
    for k, (batch, dims, lengths) in enumerate(case.RUNS):
        arrays = make_inputs(case, batch, dims, rng)
        out64, grads64 = evaluate(case, copy.deepcopy(model), arrays, lengths, torch.float64)
        out32, grads32 = evaluate(case, copy.deepcopy(model), arrays, lengths, torch.float32)
        worst_out = max([worst_out] + [float(np.abs(a - b).max()) for a, b in zip(out32, out64)])
        worst_grad = max([worst_grad] + [rel_error(grads32[g], grads64[g]) for g in grads64])
        tensors = {f"input/{n}": a for n, a in arrays.items()}
        tensors.update({f"lengths/{s}": np.array(v, dtype=np.int64) for s, v in (lengths or {}).items()})
        tensors.update({f"output/{n}": o.astype(np.float32) for n, o in zip(case.OUTPUTS, out64)})
        tensors.update({f"grad/{g}": v.astype(np.float32) for g, v in grads64.items()})
        file = f"run-{k}.safetensors"
        st_io.save(os.path.join(folder, file), tensors)
        runs.append({"file": file, "batch": batch, "steps": dims, "lengths": lengths})
    return {
        "name": name,
        "doc": case.DOC,
        "inputs": [{"name": n, "dtype": "int64" if kind == "int" else "float32",
                    "time": case.TIME.get(n, "T")} for n, kind, _ in case.INPUTS],
        "outputs": case.OUTPUTS,
        "params": names,
        "runs": runs,
        "torch_float32": {"max_abs_output_error": worst_out, "max_rel_grad_error": worst_grad},
    }


def main():
    torch.set_num_threads(1)  # repeatable sums
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    manifest = {
        "generator": "tools/conformance/generate.py",
        "torch": torch.__version__,
        "loss": "sum over outputs k and flat index i of w_i * out_k[i], w_i = f32(((37 i) mod 11 + 1) / 6)",
        "cases": [],
    }
    for case in CASES:
        entry = generate(case)
        manifest["cases"].append(entry)
        t = entry["torch_float32"]
        print(f"{entry['name']:22s} torch f32 vs f64: out {t['max_abs_output_error']:.1e}, "
              f"grad {t['max_rel_grad_error']:.1e}")
    path = os.path.join(OUT, "manifest.json")
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    # The repository's lint runs prettier --check on every JSON file.
    root = os.path.dirname(os.path.dirname(HERE))
    if subprocess.run(["npx", "prettier", "--write", path], cwd=root, capture_output=True).returncode:
        print("note: run `npx prettier --write tools/conformance/fixtures/manifest.json`")


if __name__ == "__main__":
    main()
