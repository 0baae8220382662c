/**
 * Hyperparameters the data decides. `input name: [B, T] int < vocab` says the ids are below
 * `vocab`; the data set knows how many distinct tokens there are. Unless the user set it,
 * such a hyperparameter takes the data's vocabulary size, so the embedding (and a
 * `dense(vocab)` that predicts the same tokens) has exactly the rows it needs. Shared by
 * `seqlab train` and the playground so a run made in one loads in the other.
 */
import type { SequenceDataset } from '@seqlab/data';

/**
 * `bounds[i]` is the hyperparameter bounding model input i (from the compiler's
 * `inputVocabHyperparameters`). Returns overrides to add and a note per entry.
 */
export function dataHyperparameters(
  bounds: readonly (string | undefined)[],
  ds: SequenceDataset,
  userSet: Readonly<Record<string, unknown>>,
): { set: Record<string, number>; notes: string[] } {
  const set: Record<string, number> = {};
  const notes: string[] = [];
  bounds.forEach((name, i) => {
    const field = ds.fields.find((f) => f.name === ds.inputs[i]);
    const size = field?.vocab?.size;
    if (name === undefined || size === undefined || name in userSet || name in set) return;
    set[name] = size;
    notes.push(`${name} = ${size} (distinct tokens of ${ds.name}.${field?.name ?? '?'})`);
  });
  return { set, notes };
}
