"""The control channel: JSON lines over a TCP socket between the seqlab CLI (which listens
on 127.0.0.1) and global rank 0; rank 0 relays each command to the other ranks with
torch.distributed, so every process follows the same sequence of commands."""

import json
import math
import queue
import socket
import threading

import torch.distributed as dist


def _plain(value):
    """JSON has no NaN or Infinity: they travel as null (the CLI reads null as NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Channel:
    """Rank 0's end: commands in (a reader thread), events out."""

    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)))
        self.out = self.sock.makefile("w", encoding="utf-8")
        self.commands = queue.Queue()
        self.stop_requested = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        with self.sock.makefile("r", encoding="utf-8") as lines:
            for line in lines:
                msg = json.loads(line)
                if msg.get("cmd") == "stop":
                    self.stop_requested.set()
                else:
                    self.commands.put(msg)
        # The CLI went away: stop the epoch in progress and leave.
        self.stop_requested.set()
        self.commands.put({"cmd": "quit", "reason": "the seqlab process closed the channel"})

    def send(self, event):
        self.out.write(json.dumps(_plain(event)) + "\n")
        self.out.flush()

    def next_command(self):
        return self.commands.get()


class Relay:
    """Every rank's view: rank 0 reads the channel, the others receive what it read."""

    def __init__(self, channel, world):
        self.channel = channel
        self.world = world

    def next_command(self):
        box = [self.channel.next_command() if self.channel else None]
        if self.world > 1:
            dist.broadcast_object_list(box, src=0)
        return box[0]

    def send(self, event):
        if self.channel:
            self.channel.send(event)

    def stop_requested(self):
        return bool(self.channel and self.channel.stop_requested.is_set())

    def clear_stop(self):
        if self.channel:
            self.channel.stop_requested.clear()
