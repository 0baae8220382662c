/**
 * Which matrix plays W_hh in a user cell. A cell is equations, so we read its body graph:
 * the terms that act directly on the previous state — `W @ h` (a matmul with a parameter)
 * or `w * h` (a product with a hyperparameter constant, as in the scalar example) — and
 * whether the new state is `tanh(... + term + ...)` (or relu), in which case the step
 * Jacobian is exactly diag(φ'(a_t)) W, as for the built-in rnn.
 */
import type { Graph, Node } from '@seqlab/ir';

/** A term acting linearly on the previous state. */
export type RecurrenceTerm =
  | {
      readonly kind: 'param';
      /** Parameter name in the module. */
      readonly param: string;
      /** true: the body computes `h Wᵀ` (the cell wrote `W @ h`), so W acts on h. */
      readonly transposed: boolean;
      readonly node: string;
    }
  | { readonly kind: 'scalar'; readonly value: number; readonly node: string };

/** What the diagnostics know about one state's recurrence. */
export interface ScanRecurrence {
  readonly terms: readonly RecurrenceTerm[];
  /** The new state is act(sum of terms, inputs, biases) with a single recurrence term. */
  readonly activation: 'tanh' | 'relu' | null;
}

function producers(body: Graph): Map<string, Node> {
  const map = new Map<string, Node>();
  for (const n of body.nodes) for (const o of n.outputs) map.set(o, n);
  return map;
}

/** Analyse state `index` of a scan body whose first `numSequences` inputs are the x_t. */
export function analyseScan(body: Graph, numSequences: number, index: number): ScanRecurrence {
  const stateIn = body.inputs[numSequences + index];
  const made = producers(body);
  const terms: RecurrenceTerm[] = [];
  let readers = 0;
  for (const n of body.nodes) {
    if (stateIn === undefined || !n.inputs.includes(stateIn)) continue;
    readers++;
    const other = n.inputs.find((id) => id !== stateIn);
    const src = other === undefined ? undefined : made.get(other);
    if (n.op === 'matmul' && n.inputs[0] === stateIn && src?.op === 'param') {
      terms.push({
        kind: 'param',
        param: String(src.attrs['name']),
        transposed: n.attrs['transpose_b'] === true,
        node: n.id,
      });
    } else if (n.op === 'mul' && src?.op === 'constant' && typeof src.attrs['value'] === 'number') {
      terms.push({ kind: 'scalar', value: src.attrs['value'], node: n.id });
    }
  }
  // Any other reader of h (a gate, `h - n`, ...) adds its own term to the Jacobian.
  const exact = readers === terms.length;
  return { terms, activation: exact ? activationOver(body, made, index, terms) : null };
}

/** `tanh`/`relu` when the new state is act(a) and a reaches the only term through adds. */
function activationOver(
  body: Graph,
  made: Map<string, Node>,
  index: number,
  terms: readonly RecurrenceTerm[],
): 'tanh' | 'relu' | null {
  const [term] = terms;
  if (terms.length !== 1 || term === undefined) return null;
  const out = made.get(body.outputs[index] ?? '');
  if (out === undefined || (out.op !== 'tanh' && out.op !== 'relu')) return null;
  // Walk back through additions only: anything else (a gate product) changes the Jacobian.
  const stack = [out.inputs[0] ?? ''];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop() ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const n = made.get(id);
    if (n === undefined) continue;
    if (n.id === term.node) return out.op;
    if (n.op === 'add') stack.push(...n.inputs);
  }
  return null;
}
