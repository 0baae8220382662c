"""seqlab's torch engine: trains a seqlab model (its PyTorch export) on batches seqlab made.

`seqlab train --engine torch` writes a job folder (job.json, the exported model, the data
as arrays, the batch plans, the starting weights), launches `torchrun -m seqlab_torch JOB`,
and drives the processes over a socket: the Node side keeps the loop (checkpoints, early
stopping, progress), this package does the steps, the evaluations and the saves. DDP comes
from torch.distributed; nothing here is a distributed system of its own.
"""
