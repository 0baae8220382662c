"""One process's part of training: the model (DDP-wrapped when there are several
processes), the optimiser, and the three things the CLI asks for: train (part of) an
epoch, score a split, save the state."""

import importlib.util
import math
import os

import numpy as np
import torch
import torch.distributed as dist

from .clip import clip_gradients
from .data import Split, load_plan
from .losses import loss_sum
from .metrics import SEQUENCE_METRICS, MetricAccumulator
from .optim import make_optimizer
from .schedule import scheduled_lr


def import_model_module(job_dir, job):
    """The exported model (seqlab export --to pytorch) as a Python module."""
    path = os.path.join(job_dir, job["model"]["file"])
    spec = importlib.util.spec_from_file_location("seqlab_job_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Trainer:
    """The model, its optimiser and the data of one job, on one device."""

    def __init__(self, job_dir, job, device, rank, world):
        self.job_dir, self.job = job_dir, job
        self.device, self.rank, self.world = device, rank, world
        self.code = import_model_module(job_dir, job)
        self.model = self.code.build_model().to(device)
        self.splits = {}
        self.steps = 0
        self._load_start()
        self.net = self.model
        if world > 1:
            ids = [device.index] if device.type == "cuda" else None
            self.net = torch.nn.parallel.DistributedDataParallel(self.model, device_ids=ids)

    # -- state --------------------------------------------------------------------------

    def _load_start(self):
        start = self.job["start"]
        state = None
        if self.rank == 0:
            weights = self.code.load_safetensors(os.path.join(self.job_dir, start["weights"]))
            slots = None
            if start.get("optimizer"):
                slots = self.code.load_safetensors(os.path.join(self.job_dir, start["optimizer"]))
            state = (weights, slots)
        if self.world > 1:
            box = [state]
            dist.broadcast_object_list(box, src=0)
            state = box[0]
        weights, slots = state
        missing = set(self.model.state_dict()) ^ set(weights)
        if missing:
            raise SystemExit(f"the starting weights do not fit the model: {sorted(missing)}")
        self.model.load_state_dict(weights)
        params = [(n, p) for n, p in self.model.named_parameters() if p.requires_grad]
        self.optimizer = make_optimizer(params, self.job["optimizer"])
        if slots is not None:
            self.optimizer.load_state(slots, self.device)
        self.steps = start.get("steps", 0)

    def save(self, folder):
        """weights.safetensors and optimizer.safetensors (rank 0 only)."""
        os.makedirs(folder, exist_ok=True)
        self.code.save_safetensors(self.model.state_dict(), os.path.join(folder, "weights.safetensors"))
        self.code.save_safetensors(self.optimizer.state(), os.path.join(folder, "optimizer.safetensors"))

    # -- data ---------------------------------------------------------------------------

    def split(self, name):
        if name not in self.splits:
            folder = os.path.join(self.job_dir, "data", name)
            self.splits[name] = Split(folder, self.job["fields"])
        return self.splits[name]

    def feeds(self, tensors, lengths):
        """Positional inputs and keyword lengths for the exported forward, on the device."""
        args = [tensors[i["field"]].to(self.device) for i in self.job["inputs"]]
        kwargs = {l["arg"]: lengths[l["key"]] for l in self.job["lengths"] if l["key"] in lengths}
        return args, kwargs

    def target(self, tensors, lengths):
        t = self.job["target"]
        targets = tensors[t["field"]].to(self.device)
        key = t.get("lengthsKey")
        return targets, (lengths[key].to(self.device) if key and key in lengths else None)

    def forward(self, net, args, kwargs):
        """The model's outputs and, when the export carries states (tbptt), its final states."""
        outputs = net(*args, **kwargs)
        if not self.job.get("statesArg"):
            return outputs, None
        outputs, finals = outputs
        return (outputs if len(outputs) > 1 else outputs[0]), finals

    def pick(self, outputs):
        if isinstance(outputs, (tuple, list)):
            return outputs[self.job["outputIndex"]]
        return outputs

    # -- training -----------------------------------------------------------------------

    def share(self, indices):
        """This process's rows of a global batch (the first row, weighted 0, if none)."""
        per = math.ceil(len(indices) / self.world)
        mine = indices[self.rank * per : (self.rank + 1) * per]
        return (mine, 1.0) if len(mine) else (indices[:1], 0.0)

    def step(self, split, indices):
        """One update on the global batch `indices` (one per chunk of time under `tbptt`);
        returns what the progress line shows."""
        if self.job.get("tbptt"):
            return self.truncated_step(split, indices, int(self.job["tbptt"]))
        mine, weight = self.share(indices)
        tensors, lengths = split.collate(mine)
        args, kwargs = self.feeds(tensors, lengths)
        targets, target_lengths = self.target(tensors, lengths)
        result, _ = self.update(args, kwargs, targets, target_lengths, weight)
        return result

    def update(self, args, kwargs, targets, target_lengths, weight):
        """One optimiser step on this process's rows; the loss is the global batch's mean.
        Returns the progress numbers and, with carried states, the detached final states."""
        job = self.job
        lr = scheduled_lr(job["optimizer"]["lr"], job.get("schedule"), self.steps)
        self.optimizer.lr = lr
        torch.manual_seed((job["seed"] * 1_000_003 + self.steps * 7919 + self.rank) % (2**63))
        self.net.train()
        outputs, finals = self.forward(self.net, args, kwargs)
        if finals is not None:
            finals = {k: [t.detach() for t in v] for k, v in finals.items()}
        total, count = loss_sum(job["loss"], self.pick(outputs), targets, target_lengths)
        total = total * weight
        both = torch.stack([total.detach().float().cpu(), torch.tensor(count * weight)])
        if self.world > 1:
            dist.all_reduce(both)
        global_count = max(float(both[1]), 1.0)
        # DDP averages gradients over processes: scale so the average is the batch's mean.
        for p in self.model.parameters():
            p.grad = None
        (total * self.world / global_count).backward()
        params = [p for p in self.model.parameters() if p.requires_grad]
        norm, clipped = clip_gradients(params, job.get("clipNorm"), job.get("clipValue"))
        self.optimizer.step()
        self.steps += 1
        loss = float(both[0]) / global_count
        return {"loss": loss, "gradNorm": norm, "clipped": clipped, "lr": lr}, finals

    def truncated_step(self, split, indices, k):
        """Truncated BPTT as the tfjs engine's Trainer.truncatedStep: the global batch cut
        into chunks of k steps, one update each, the recurrences' final states carried into
        the next chunk as constants. The loss is averaged over real target steps."""
        target = self.job["target"]
        key = target.get("lengthsKey")
        # Chunks come from the global batch, so every process makes the same updates.
        global_lengths = split.lengths_of(indices, key) if key else None
        steps = split.longest(indices, target["field"])
        mine, weight = self.share(indices)
        time = next((f.get("time") for f in self.job["fields"] if f["name"] == target["field"]), None)
        tensors, lengths = split.collate(mine, pad_to={time: steps} if time else None)
        args, kwargs = self.feeds(tensors, lengths)
        targets, target_lengths = self.target(tensors, lengths)
        timed = [i.get("timeAxis", False) and a.dim() >= 2 and a.shape[1] == steps
                 for i, a in zip(self.job["inputs"], args)]
        carried, tokens, loss_total, norm, clipped, lr = {}, 0, 0.0, 0.0, False, None
        for start in range(0, steps, k):
            width = min(k, steps - start)
            if global_lengths is None:
                real = len(indices) * width
            else:
                real = int(np.clip(global_lengths - start, 0, width).sum())
            if real == 0:
                break  # every sequence has ended
            cut = lambda t: t[:, start:start + width]
            clamp = lambda l: (l - start).clamp(0, width)
            chunk_args = [cut(a) if time else a for a, time in zip(args, timed)]
            chunk_kwargs = {name: clamp(l) for name, l in kwargs.items()}
            chunk_kwargs[self.job["statesArg"]] = carried
            chunk_lengths = None if target_lengths is None else clamp(target_lengths)
            result, carried = self.update(chunk_args, chunk_kwargs, cut(targets), chunk_lengths, weight)
            tokens += real
            loss_total += result["loss"] * real
            norm = max(norm, result["gradNorm"])
            clipped = clipped or result["clipped"]
            lr = result["lr"]
        loss = loss_total / tokens if tokens else float("nan")
        return {"loss": loss, "gradNorm": norm, "clipped": clipped, "lr": lr}

    @torch.no_grad()
    def score(self, split_name, plan, metrics, max_examples, progress=None):
        """Loss and metrics on a split, as the tfjs engine's Trainer.score (rank 0)."""
        want = ["loss"] + [m for m in metrics if m != "loss"]
        acc = MetricAccumulator(self.job["loss"], any(m in SEQUENCE_METRICS for m in want))
        split = self.split(split_name)
        self.model.eval()
        batches = load_plan(os.path.join(self.job_dir, "plans"), plan)
        if max_examples is not None:
            # Whole batches until max_examples are in, as the tfjs engine's session.
            sizes = np.cumsum([0] + [len(b) for b in batches])
            batches = batches[: int(np.searchsorted(sizes, max_examples, side="left"))]
        for done, indices in enumerate(batches, 1):
            tensors, lengths = split.collate(indices)
            args, kwargs = self.feeds(tensors, lengths)
            targets, target_lengths = self.target(tensors, lengths)
            acc.add(self.pick(self.forward(self.model, args, kwargs)[0]).float(), targets, target_lengths)
            if progress:
                progress(done, len(batches))
        return acc.scores(want)
