/**
 * The small Python functions a generated module may need, each written once here and copied
 * into the module only when used. They pin down seqlab's semantics where PyTorch has no
 * single built-in: masking by lengths, `last`, masked reductions over time, TF-style `same`
 * padding for strided windows, user cells scanned over time, and safetensors I/O without
 * the `safetensors` package.
 */

/** Names of the helpers. */
export type HelperName =
  | 'sequence_mask'
  | 'run_recurrent'
  | 'run_recurrent_chunk'
  | 'run_cell'
  | 'top_state'
  | 'last_step'
  | 'sum_over_time'
  | 'mean_over_time'
  | 'max_over_time'
  | 'same_padding'
  | 'max_pool1d'
  | 'avg_pool1d'
  | 'load_safetensors'
  | 'save_safetensors';

interface Helper {
  readonly deps: readonly HelperName[];
  readonly code: string;
}

const HELPERS: Readonly<Record<HelperName, Helper>> = {
  sequence_mask: {
    deps: [],
    code: `
def sequence_mask(lengths, steps, like):
    """[B, T, 1, ...] bool mask shaped to broadcast over \`like\` [B, T, ...]: t < lengths."""
    mask = torch.arange(steps, device=lengths.device)[None, :] < lengths[:, None]
    return mask.view(*mask.shape, *([1] * (like.dim() - 2))).to(like.device)
`,
  },
  run_recurrent: {
    deps: [],
    code: `
def run_recurrent(layer, x, lengths=None, state=None):
    """Runs nn.RNN/LSTM/GRU (batch_first) as seqlab does. With lengths the batch is packed:
    padded steps emit zeros, the final state is each sequence's last real step, and the
    reverse direction starts there. Every length must be >= 1."""
    if lengths is None:
        return layer(x, state)
    packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
    out, final = layer(packed, state)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
    return out, final
`,
  },
  run_recurrent_chunk: {
    deps: ['run_recurrent'],
    code: `
def run_recurrent_chunk(layer, x, lengths, state):
    """run_recurrent on one chunk of truncated BPTT: a sequence that ended before the chunk
    (length 0 here) emits zeros and keeps the state it came in with."""
    if lengths is None or bool((lengths > 0).all()):
        return run_recurrent(layer, x, lengths, state)
    alive = (lengths > 0).to(x.device)
    out, final = run_recurrent(layer, x, lengths.clamp(min=1), state)
    out = torch.where(alive.view(-1, 1, 1), out, torch.zeros_like(out))

    def keep(new, old):
        old = torch.zeros_like(new) if old is None else old
        return torch.where(alive.view(1, -1, 1), new, old)

    if isinstance(final, tuple):
        olds = state if state is not None else (None,) * len(final)
        return out, tuple(keep(n, o) for n, o in zip(final, olds))
    return out, keep(final, state)
`,
  },
  run_cell: {
    deps: [],
    code: `
def run_cell(step, x, states, lengths=None, reverse=False):
    """Scans a user cell over time as seqlab does: \`step(x_t, *states)\` returns the next
    states then the emitted value; padded steps (t >= lengths) keep the states and emit
    zeros; \`reverse\` walks T-1 .. 0, so each sequence starts at its own last real step."""
    steps = x.shape[1]
    emitted = [None] * steps
    for t in range(steps - 1, -1, -1) if reverse else range(steps):
        *new, y = step(x[:, t], *states)
        if lengths is not None:
            real = (t < lengths).to(x.device)
            new = [torch.where(real.view(-1, *([1] * (n.dim() - 1))), n, s) for n, s in zip(new, states)]
            y = torch.where(real.view(-1, *([1] * (y.dim() - 1))), y, torch.zeros_like(y))
        states = new
        emitted[t] = y
    return torch.stack(emitted, 1), states
`,
  },
  top_state: {
    deps: [],
    code: `
def top_state(h_n, directions):
    """h_n [layers*dirs, B, H] -> [B, dirs*H]: the top layer, directions concatenated."""
    return h_n[-directions:].transpose(0, 1).reshape(h_n.shape[1], -1)
`,
  },
  last_step: {
    deps: [],
    code: `
def last_step(x, lengths=None):
    """x [B, T, ...] -> [B, ...] at step lengths - 1 (the last real step of each sequence)."""
    if lengths is None:
        return x[:, -1]
    return x[torch.arange(x.shape[0], device=x.device), lengths.to(x.device).long() - 1]
`,
  },
  sum_over_time: {
    deps: ['sequence_mask'],
    code: `
def sum_over_time(x, lengths=None):
    """x [B, T, ...] -> [B, ...]: the sum over the real steps."""
    if lengths is None:
        return x.sum(1)
    return (x * sequence_mask(lengths, x.shape[1], x).to(x.dtype)).sum(1)
`,
  },
  mean_over_time: {
    deps: ['sequence_mask'],
    code: `
def mean_over_time(x, lengths=None):
    """x [B, T, ...] -> [B, ...]: the mean over the real steps."""
    if lengths is None:
        return x.mean(1)
    total = (x * sequence_mask(lengths, x.shape[1], x).to(x.dtype)).sum(1)
    count = lengths.to(x.device).clamp(min=1).to(x.dtype)
    return total / count.view(-1, *([1] * (total.dim() - 1)))
`,
  },
  max_over_time: {
    deps: ['sequence_mask'],
    code: `
def max_over_time(x, lengths=None):
    """x [B, T, ...] -> [B, ...]: the maximum over the real steps."""
    if lengths is None:
        return x.amax(1)
    return torch.where(sequence_mask(lengths, x.shape[1], x), x, x - 3.0e38).amax(1)
`,
  },
  same_padding: {
    deps: [],
    code: `
def same_padding(steps, kernel, stride=1, dilation=1):
    """seqlab's (TensorFlow's) 'same': ceil(T / stride) outputs, any odd pad on the right.
    For stride 1 this is exactly nn.Conv1d(padding='same')."""
    span = dilation * (kernel - 1) + 1
    out = -(-steps // stride)
    total = max((out - 1) * stride + span - steps, 0)
    return total // 2, total - total // 2
`,
  },
  max_pool1d: {
    deps: ['same_padding'],
    code: `
def max_pool1d(x, kernel, stride, padding):
    """x [B, T, D] -> [B, T', D]: max over windows along time ('same' pads with -inf)."""
    xt = x.transpose(1, 2)
    if padding == "same":
        xt = F.pad(xt, same_padding(x.shape[1], kernel, stride), value=float("-inf"))
    return F.max_pool1d(xt, kernel, stride).transpose(1, 2)
`,
  },
  avg_pool1d: {
    deps: ['same_padding'],
    code: `
def avg_pool1d(x, kernel, stride, padding):
    """x [B, T, D] -> [B, T', D]: mean over windows along time; with 'same' the padding is
    not counted (each window averages its real steps only)."""
    xt = x.transpose(1, 2)
    if padding != "same":
        return F.avg_pool1d(xt, kernel, stride).transpose(1, 2)
    pad = same_padding(x.shape[1], kernel, stride)
    total = F.avg_pool1d(F.pad(xt, pad), kernel, stride)
    real = F.avg_pool1d(F.pad(torch.ones_like(xt[:1, :1]), pad), kernel, stride)
    return (total / real).transpose(1, 2)
`,
  },
  load_safetensors: {
    deps: [],
    code: `
_DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16,
           "BF16": torch.bfloat16, "I64": torch.int64, "I32": torch.int32}


def load_safetensors(path):
    """Reads a .safetensors file into a state dict (no dependency on the safetensors package)."""
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + size])
    header.pop("__metadata__", None)
    state = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        raw = bytearray(data[8 + size + begin:8 + size + end])
        tensor = torch.frombuffer(raw, dtype=_DTYPES[entry["dtype"]]) if raw else torch.empty(0)
        state[name] = tensor.reshape(entry["shape"]).clone()
    return state
`,
  },
  save_safetensors: {
    deps: [],
    code: `
def save_safetensors(state_dict, path):
    """Writes float32 tensors (e.g. model.state_dict()) as .safetensors, which seqlab reads."""
    tensors = {k: v.detach().to("cpu", torch.float32).contiguous() for k, v in state_dict.items()}
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        blob = tensors[name].numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-(8 + len(text)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
`,
  },
};

/** Helper order in the generated file: dependencies first, then as listed above. */
const ORDER = Object.keys(HELPERS) as HelperName[];

/** The code of `used` helpers and everything they depend on, in a stable order. */
export function helperCode(used: ReadonlySet<HelperName>): string {
  const all = new Set<HelperName>();
  const add = (n: HelperName): void => {
    if (all.has(n)) return;
    all.add(n);
    HELPERS[n].deps.forEach(add);
  };
  used.forEach(add);
  return ORDER.filter((n) => all.has(n))
    .map((n) => HELPERS[n].code.trim())
    .join('\n\n\n');
}
