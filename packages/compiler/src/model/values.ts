/**
 * What a name in a model body stands for during elaboration. Tensors are IR value ids;
 * recurrent layers also expose their final states as members (`enc.h`, `enc.state`).
 */

/** A member of a layer result: one tensor (`h`, `c`) or the full state list (`state`). */
export interface Member {
  readonly ids: readonly string[];
}

/** A tensor value, optionally with members (final states of a recurrence). */
export interface TensorVal {
  readonly kind: 'tensor';
  readonly id: string;
  /** Members are created lazily (e.g. a `final_state` node only when `.h` is used). */
  readonly members?: Readonly<Record<string, () => Member | undefined>>;
}

/** A list of values written `[a, b]`, e.g. piped into `concat`. */
export interface ListVal {
  readonly kind: 'list';
  readonly items: readonly ModelVal[];
}

/** A full recurrent state (`enc.state`), usable as `init =` of another recurrence. */
export interface StateVal {
  readonly kind: 'state';
  readonly ids: readonly string[];
}

export type ModelVal = TensorVal | ListVal | StateVal;

/** A tensor value with no members. */
export function tensor(id: string): TensorVal {
  return { kind: 'tensor', id };
}

/** The first output of a node as a tensor value (`undefined` if the node was not added). */
export function firstOutput(out: readonly string[] | undefined): TensorVal | undefined {
  const id = out?.[0];
  return id === undefined ? undefined : tensor(id);
}
