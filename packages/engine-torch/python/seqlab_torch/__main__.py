"""Entry point: `torchrun [...] -m seqlab_torch JOB_DIR` (or `python -m seqlab_torch JOB_DIR`
for one process). Global rank 0 connects to the CLI at $SEQLAB_CONTROL; every rank then
follows the commands it relays until `quit`."""

import json
import os
import sys
import threading
import time
import traceback

import torch
import torch.distributed as dist

from .control import Channel, Relay
from .data import load_plan
from .trainer import Trainer


def pick_device(wanted, local_rank):
    """cpu, or cuda:LOCAL_RANK; `auto` takes cuda when torch sees a GPU."""
    if wanted == "auto":
        wanted = "cuda" if torch.cuda.is_available() else "cpu"
    if wanted == "cuda":
        if not torch.cuda.is_available():
            raise SystemExit("--device cuda: this torch sees no CUDA device")
        torch.cuda.set_device(local_rank)
        return torch.device("cuda", local_rank)
    return torch.device("cpu")


def run_epoch(trainer, relay, cmd):
    """Train epoch cmd["epoch"] (0-based) from batch cmd["batch"]; events for rank 0."""
    plans = os.path.join(trainer.job_dir, "plans")
    batches = load_plan(plans, cmd["plan"])
    split = trainer.split("train")
    every, at = cmd.get("stopEvery"), cmd.get("stopAt")
    relay.clear_stop()
    for i in range(cmd["batch"], len(batches)):
        t0 = time.perf_counter()
        result = trainer.step(split, batches[i])
        result.update(batch=i + 1, batches=len(batches), step=trainer.steps,
                      size=len(batches[i]), seconds=time.perf_counter() - t0)
        relay.send({"ev": "step", **result})
        if result["loss"] != result["loss"] or abs(result["loss"]) == float("inf"):
            return relay.send({"ev": "epochEnd", "batch": i + 1, "nonFinite": True})
        last = i + 1 == len(batches)
        stop = not last and (relay.stop_requested()
                             or (every and trainer.steps % every == 0)
                             or (at is not None and trainer.steps >= at))
        flag = torch.tensor([1 if stop else 0])
        if trainer.world > 1:
            dist.broadcast(flag, src=0)
        if flag.item():
            return relay.send({"ev": "epochEnd", "batch": i + 1, "stopped": True})
    return relay.send({"ev": "epochEnd", "batch": len(batches), "stopped": False})


def serve(trainer, relay):
    """Follow commands until quit."""
    while True:
        cmd = relay.next_command()
        kind = cmd["cmd"]
        if kind == "quit":
            return
        if kind == "epoch":
            run_epoch(trainer, relay, cmd)
        elif kind == "score" and trainer.rank == 0:
            def progress(done, total):
                relay.send({"ev": "scoreBatch", "done": done, "total": total})

            scores = trainer.score(cmd["split"], cmd["plan"], cmd["metrics"],
                                   cmd.get("maxExamples"), progress)
            relay.send({"ev": "scores", **scores})
        elif kind == "save" and trainer.rank == 0:
            trainer.save(cmd["folder"])
            relay.send({"ev": "saved", "steps": trainer.steps})


def exit_with_parent():
    """Leave when the seqlab process that started the engine is gone (killed, crashed): the
    engine runs in a process group of its own, so nothing else would stop it."""
    parent = int(os.environ.get("SEQLAB_PARENT_PID", "0"))
    if parent <= 0:
        return

    def watch():
        while True:
            time.sleep(2)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(3)
            except PermissionError:
                pass

    threading.Thread(target=watch, daemon=True).start()


def main(argv):
    exit_with_parent()
    job_dir = argv[1]
    with open(os.path.join(job_dir, "job.json"), encoding="utf-8") as f:
        job = json.load(f)
    rank = int(os.environ.get("RANK", "0"))
    world = int(os.environ.get("WORLD_SIZE", "1"))
    device = pick_device(job.get("device", "auto"), int(os.environ.get("LOCAL_RANK", "0")))
    backend = "nccl" if device.type == "cuda" else "gloo"
    if world > 1:
        dist.init_process_group(backend)
    channel = Channel(os.environ["SEQLAB_CONTROL"]) if rank == 0 else None
    if os.environ.get("SEQLAB_TORCH_THREADS"):
        torch.set_num_threads(int(os.environ["SEQLAB_TORCH_THREADS"]))
    trainer = Trainer(job_dir, job, device, rank, world)
    relay = Relay(channel, world)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    relay.send({"ev": "ready", "device": str(device), "deviceName": name, "worldSize": world,
                "backend": backend if world > 1 else "none", "torch": torch.__version__})
    code = 1
    try:
        serve(trainer, relay)
        code = 0
    except BaseException:  # printed here: os._exit below would drop the traceback
        traceback.print_exc()
    finally:
        if world > 1 and code == 0:
            dist.destroy_process_group()
        # Leave without running destructors: at interpreter exit torch 1.13 destroys DDP's
        # reducer, whose gloo process group joins a thread that waits for the GIL the main
        # thread holds, and the process hangs (seen on every rank but the one the CLI kills).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    main(sys.argv)
