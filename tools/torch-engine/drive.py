"""Drive a torch-engine job folder without the seqlab CLI: plays the CLI's part of the
control channel (epochs, then valid and test scores) and prints one JSON line per epoch.

For machines that have PyTorch but no Node (a GPU server checked in isolation). Make the
job folder where seqlab runs, keeping it after the run:

    SEQLAB_TORCH_KEEP_JOB=1 seqlab train examples/names.seq --engine torch --stop-at-step 1 --out runs/job
    python3 tools/torch-engine/drive.py runs/job/torch --epochs 10 [--nproc N] [--device cuda]

The numbers are the engine's own; the run directory, checkpoints and early stopping are
the CLI's and are not reproduced here.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, "..", "..", "packages", "engine-torch", "python")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("job")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--nproc", type=int, default=1)
    ap.add_argument("--device", default=None, help="override job.json's device (auto|cpu|cuda)")
    ap.add_argument("--metrics", default="accuracy")
    args = ap.parse_args()
    if args.device:
        with open(os.path.join(args.job, "job.json")) as f:
            job = json.load(f)
        job["device"] = args.device
        with open(os.path.join(args.job, "job.json"), "w") as f:
            json.dump(job, f)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    env = dict(os.environ, SEQLAB_CONTROL=f"127.0.0.1:{server.getsockname()[1]}",
               PYTHONPATH=os.path.abspath(PACKAGE), PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-m", "torch.distributed.run", f"--nproc_per_node={args.nproc}",
           "--redirects=2", "--tee=2", "--standalone", "--nnodes=1", "-m", "seqlab_torch", args.job]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)
    server.settimeout(1.0)
    while True:  # rank 0 connects once torch is imported; stop waiting if it died first
        try:
            conn, _ = server.accept()
            break
        except socket.timeout:
            if proc.poll() is not None:
                raise SystemExit(f"the engine exited ({proc.returncode}) before connecting")
    lines = conn.makefile("r")
    out = conn.makefile("w")

    def send(msg):
        out.write(json.dumps(msg) + "\n")
        out.flush()

    def until(kind):
        for line in lines:
            e = json.loads(line)
            if e["ev"] == kind:
                return e
            if e["ev"] == "step":
                stats["loss"] += e["loss"] or 0.0
                stats["steps"] += 1
        raise SystemExit("the engine closed the channel")

    stats = {"loss": 0.0, "steps": 0}
    ready = until("ready")
    print(json.dumps({"ready": ready, "startup_s": round(time.perf_counter() - t0, 2)}), flush=True)
    metrics = args.metrics.split(",")
    for epoch in range(args.epochs):
        stats = {"loss": 0.0, "steps": 0}
        t = time.perf_counter()
        send({"cmd": "epoch", "plan": f"train-{epoch:05d}", "batch": 0})
        until("epochEnd")
        seconds = time.perf_counter() - t
        train_loss = stats["loss"] / max(1, stats["steps"])
        send({"cmd": "score", "split": "valid", "plan": "valid", "metrics": metrics})
        valid = until("scores")
        print(json.dumps({"epoch": epoch + 1, "seconds": round(seconds, 2), "steps": stats["steps"],
                          "ms_per_step": round(1000 * seconds / max(1, stats["steps"]), 2),
                          "train_loss": train_loss, "valid": valid.get("metrics")}), flush=True)
    send({"cmd": "score", "split": "test", "plan": "test", "metrics": metrics})
    print(json.dumps({"test": until("scores").get("metrics"),
                      "total_s": round(time.perf_counter() - t0, 2)}), flush=True)
    send({"cmd": "quit"})
    proc.wait()


if __name__ == "__main__":
    main()
