/**
 * Binding a data set to a model: which field feeds which input, which field the loss
 * compares with which output, and which lengths mask which time symbol. Problems are
 * sentences a user can act on (with the `--set` that fixes them, where there is one).
 */
import type { FieldSpec, SequenceDataset } from '@seqlab/data';
import type { IrModule, TensorType } from '@seqlab/ir';

/** How a data set's fields meet a model's ports. */
export interface DataBinding {
  /** Model input port <- data field, in the model's input order. */
  readonly inputs: readonly { readonly port: string; readonly field: string }[];
  /** Model time symbol (`T`) <- the data's lengths key for that field's time axis. */
  readonly lengths: readonly { readonly symbol: string; readonly key: string }[];
  /** The trained output and the field it is compared with. */
  readonly target: {
    readonly output: string;
    readonly field: string;
    readonly kind: FieldSpec['kind'];
    /** For per-step targets: the data's lengths key of the target's time axis. */
    readonly lengthsKey?: string;
  };
  readonly loss: LossName;
}

/** The result of binding: a binding, or the reasons it does not fit. */
export type BindResult =
  | { readonly ok: true; readonly binding: DataBinding }
  | { readonly ok: false; readonly problems: readonly string[] };

function typeOf(m: IrModule, value: string): TensorType | undefined {
  return m.graph.values[value]?.type;
}

function show(shape: readonly (number | string)[]): string {
  return `[${shape.join(', ')}]`;
}

/** Classes a field can take (vocabulary size), if it is categorical. */
function classes(f: FieldSpec): number | undefined {
  return f.vocab?.size;
}

/** The losses a train block can declare. */
export type LossName = 'cross_entropy' | 'mse';

/** Why input `port` (of type `t`) cannot take `ds`'s field `f`, if it cannot. */
function inputProblem(
  port: string,
  t: TensorType,
  ds: SequenceDataset,
  f: FieldSpec,
): string | undefined {
  if (f.kind === 'tokens') {
    if (t.dtype !== 'int32') {
      return `input ${port} is float ${show(t.shape)} but ${ds.name}.${f.name} holds token ids; declare it as [B, T] int < V`;
    }
    if ((t.vocab ?? 0) < (classes(f) ?? 0)) {
      return `input ${port} allows ids < ${t.vocab} but ${ds.name}.${f.name} has ${classes(f)} distinct tokens (raise the bound, e.g. --set vocab=${classes(f)})`;
    }
  } else if (f.kind === 'vectors') {
    const width = t.shape[t.shape.length - 1];
    if (t.dtype !== 'float32' || t.shape.length !== 3) {
      return `input ${port} is ${show(t.shape)} but ${ds.name}.${f.name} is a float sequence [B, T, ${f.width}]`;
    }
    if (width !== f.width) {
      return `input ${port} has width ${String(width)} but ${ds.name}.${f.name} has ${f.width} features per step`;
    }
  }
  return undefined;
}

/** Why the declared `loss` cannot score `ds`'s target field, if it cannot. */
function lossProblem(
  loss: LossName | undefined,
  categorical: boolean,
  ds: SequenceDataset,
  target: FieldSpec,
): string | undefined {
  if (loss === 'mse' && categorical) {
    return `loss = mse needs numeric targets but ${ds.name}.${target.name} holds ${target.kind === 'class' ? 'class labels' : `${target.kind} ids`} (use loss = cross_entropy)`;
  }
  if (loss === 'cross_entropy' && !categorical) {
    return `loss = cross_entropy needs class labels but ${ds.name}.${target.name} holds numeric values (use loss = mse)`;
  }
  return undefined;
}

/** Why output `port` (of type `outType`) cannot be trained against `target`, if it cannot. */
function outputProblem(
  port: string,
  outType: TensorType,
  ds: SequenceDataset,
  target: FieldSpec,
  categorical: boolean,
): string | undefined {
  const width = outType.shape[outType.shape.length - 1];
  if (categorical) {
    const k = classes(target) ?? 0;
    const perStep = target.kind !== 'class';
    const wantRank = perStep ? 3 : 2;
    if (outType.shape.length !== wantRank) {
      return `output ${port} is ${show(outType.shape)} but ${ds.name}.${target.name} needs ${perStep ? 'one prediction per step [B, T, classes]' : 'one prediction per sequence [B, classes]'}`;
    }
    if (typeof width !== 'number' || width < k) {
      return `output ${port} scores ${String(width)} classes but ${ds.name}.${target.name} has ${k} (widen the last dense layer to at least ${k})`;
    }
  } else if (typeof width === 'number' && target.width !== undefined && width !== target.width) {
    return `output ${port} has width ${width} but ${ds.name}.${target.name} has ${target.width} values`;
  }
  return undefined;
}

/**
 * Bind `ds` to `m`: inputs by position (the data set lists its input fields in model order),
 * the first output against the first target. `loss` is the train block's declared loss: it
 * is the one trained, and a target it cannot score is a problem. Without it the loss
 * follows the target (cross-entropy for ids, MSE for values).
 */
export function bindDataset(m: IrModule, ds: SequenceDataset, loss?: LossName): BindResult {
  const problems: string[] = [];
  const field = (name: string): FieldSpec | undefined => ds.fields.find((f) => f.name === name);
  if (m.inputs.length !== ds.inputs.length) {
    problems.push(
      `${ds.name} provides ${ds.inputs.length} input(s) (${ds.inputs.join(', ')}) but ${m.model} takes ${m.inputs.length} (${m.inputs.map((p) => p.name).join(', ')})`,
    );
    return { ok: false, problems };
  }
  const inputs: { port: string; field: string }[] = [];
  const lengths = new Map<string, string>();
  m.inputs.forEach((port, i) => {
    const name = ds.inputs[i] ?? '';
    const f = field(name);
    const t = typeOf(m, port.value);
    if (!f || !t) return;
    inputs.push({ port: port.name, field: name });
    const symbol = t.shape[1];
    if (typeof symbol === 'string' && f.time) lengths.set(symbol, f.time);
    const problem = inputProblem(port.name, t, ds, f);
    if (problem !== undefined) problems.push(problem);
  });

  const outPort = m.outputs[0];
  const targetName = ds.targets[0];
  const target = targetName === undefined ? undefined : field(targetName);
  const outType = outPort ? typeOf(m, outPort.value) : undefined;
  if (!outPort || !target || !outType || targetName === undefined) {
    problems.push(`${m.model} has no output to train against ${ds.name}'s target`);
    return { ok: false, problems };
  }
  const categorical = target.kind === 'class' || target.kind === 'tags' || target.kind === 'tokens';
  const lossMismatch = lossProblem(loss, categorical, ds, target);
  if (lossMismatch !== undefined) {
    problems.push(lossMismatch);
    return { ok: false, problems };
  }
  const outMismatch = outputProblem(outPort.name, outType, ds, target, categorical);
  if (outMismatch !== undefined) problems.push(outMismatch);
  if (problems.length > 0) return { ok: false, problems };
  const targetTime = target.kind === 'class' ? undefined : target.time;
  return {
    ok: true,
    binding: {
      inputs,
      lengths: [...lengths].map(([symbol, key]) => ({ symbol, key })),
      target: {
        output: outPort.name,
        field: targetName,
        kind: target.kind,
        ...(targetTime ? { lengthsKey: targetTime } : {}),
      },
      loss: loss ?? (categorical ? 'cross_entropy' : 'mse'),
    },
  };
}
