#!/usr/bin/python3
"""Runs exported PyTorch modules on saved inputs and compares with seqlab's saved outputs.

    /usr/bin/python3 tools/conformance/compare_exports.py jobs.json

jobs.json lists {file, module, weights, inputs: [npy...], lengths: {symbol: npy}, outputs:
[npy...]}; prints [{file, error}] with error = max |torch - seqlab| over all outputs. Used by
export-pytorch.test.ts when python3-torch is installed.
"""
import importlib.util
import json
import sys

import numpy as np
import torch


def main(path):
    results = []
    for job in json.load(open(path)):
        spec = importlib.util.spec_from_file_location("exported", job["module"])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        model = module.build_model()
        model.load_state_dict(module.load_safetensors(job["weights"]), strict=True)
        model.eval()
        args = [torch.from_numpy(np.load(p)) for p in job["inputs"]]
        lengths = {s: torch.from_numpy(np.load(p)) for s, p in job["lengths"].items()}
        kwargs = {"lengths": next(iter(lengths.values()))} if len(lengths) == 1 else {
            f"lengths_{s}": v for s, v in lengths.items()}
        with torch.no_grad():
            got = model(*args, **kwargs)
        got = got if isinstance(got, tuple) else (got,)
        error = 0.0
        for tensor, want in zip(got, job["outputs"]):
            expected = np.load(want)
            if tuple(tensor.shape) != expected.shape:
                error = float("inf")
                break
            error = max(error, float(np.abs(tensor.numpy() - expected).max()))
        results.append({"file": job["file"], "error": error})
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
