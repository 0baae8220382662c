"""The five optimisers of seqlab's train block with the tfjs engine's exact update rules
(packages/tfjs/src/train/optimizers.ts and adam.ts). Written out rather than taken from
torch.optim where the two differ in a detail that changes the numbers: Adam's epsilon
placement and bias correction as one expression, RMSprop's epsilon inside the root.

Every optimiser skips parameters without a gradient (no decay either), as torch.optim
does. State is a dict of tensors by name, saved as safetensors in checkpoints."""

import torch


class Optimizer:
    """Common parts: parameters by name, the learning rate the schedule sets each step."""

    def __init__(self, named_params, spec):
        self.params = list(named_params)
        self.spec = spec
        self.lr = spec["lr"]
        self.slots = {}

    def slot(self, name, like):
        if name not in self.slots:
            self.slots[name] = torch.zeros_like(like)
        return self.slots[name]

    def state(self):
        """Slots by name (float32 tensors on the cpu) for a checkpoint."""
        return {k: v.detach().to("cpu", torch.float32) for k, v in self.slots.items()}

    def load_state(self, state, device):
        self.slots = {k: v.to(device) for k, v in state.items()}


class Sgd(Optimizer):
    """sgd: p -= lr g; with momentum (or `momentum`): a = m a + g; p -= lr a (torch SGD,
    dampening 0, no nesterov). Coupled weight decay adds wd p to g first."""

    @torch.no_grad()
    def step(self):
        wd = self.spec.get("weightDecay") or 0.0
        momentum = self.spec.get("momentum")
        if self.spec["kind"] == "momentum" and momentum is None:
            momentum = 0.9
        for name, p in self.params:
            if p.grad is None:
                continue
            g = p.grad + wd * p if wd else p.grad
            if momentum:
                a = self.slot(name + "/momentum", p)
                a.mul_(momentum).add_(g)
                g = a
            p.sub_(self.lr * g)


class Adam(Optimizer):
    """adam: g += wd p; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
    p = decay p - lr (m / bc1) / (sqrt(v / bc2) + eps), decay = 1 - lr wd for adamw."""

    def __init__(self, named_params, spec, decoupled):
        super().__init__(named_params, spec)
        self.decoupled = decoupled
        self.slots["iter"] = torch.zeros(())

    @torch.no_grad()
    def step(self):
        s = self.spec
        b1, b2 = s.get("beta1", 0.9), s.get("beta2", 0.999)
        eps = s.get("eps", 1e-8)
        wd = s.get("weightDecay")
        wd = (0.01 if self.decoupled else 0.0) if wd is None else wd
        self.slots["iter"] += 1
        t = float(self.slots["iter"])
        bc1, bc2 = 1 - b1**t, 1 - b2**t
        for name, p in self.params:
            if p.grad is None:
                continue
            g = p.grad if self.decoupled or not wd else p.grad + wd * p
            m, v = self.slot(name + "/m", p), self.slot(name + "/v", p)
            m.mul_(b1).add_(g, alpha=1 - b1)
            v.mul_(b2).add_(g * g, alpha=1 - b2)
            if self.decoupled and wd:
                p.mul_(1 - self.lr * wd)
            p.sub_(self.lr * (m / bc1) / (torch.sqrt(v / bc2) + eps))

    def load_state(self, state, device):
        super().load_state(state, device)
        self.slots["iter"] = self.slots.get("iter", torch.zeros(())).reshape(())


class RmsProp(Optimizer):
    """rmsprop as tfjs: ms = a ms + (1-a) g^2; step = lr g / sqrt(ms + eps); with momentum
    mom = m mom + step, p -= mom; else p -= step. Coupled weight decay as sgd."""

    @torch.no_grad()
    def step(self):
        s = self.spec
        alpha, eps = s.get("beta2", 0.99), s.get("eps", 1e-8)
        momentum, wd = s.get("momentum") or 0.0, s.get("weightDecay") or 0.0
        for name, p in self.params:
            if p.grad is None:
                continue
            g = p.grad + wd * p if wd else p.grad
            ms = self.slot(name + "/ms", p)
            ms.mul_(alpha).add_(g * g, alpha=1 - alpha)
            step = self.lr * g / torch.sqrt(ms + eps)
            if momentum:
                mom = self.slot(name + "/mom", p)
                mom.mul_(momentum).add_(step)
                step = mom
            p.sub_(step)


def make_optimizer(named_params, spec):
    """The optimiser of a train block's `optimizer = ...` (job.json's OptimizerSpec)."""
    kind = spec["kind"]
    if kind in ("sgd", "momentum"):
        return Sgd(named_params, spec)
    if kind in ("adam", "adamw"):
        return Adam(named_params, spec, decoupled=kind == "adamw")
    if kind == "rmsprop":
        return RmsProp(named_params, spec)
    raise ValueError(f"unknown optimizer {kind!r}")
