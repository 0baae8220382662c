/**
 * Hyperparameters the data decides. `input name: [B, T] int < vocab` says the ids are below
 * `vocab`; the data set knows how many distinct tokens there are. Unless the user set it,
 * such a hyperparameter takes the data's vocabulary size, so the embedding (and a
 * `dense(vocab)` that predicts the same tokens) has exactly the rows it needs.
 */
import type { SequenceDataset } from '@seqlab/data';
import type { Program } from '@seqlab/syntax';

/** `{ hyperparameter: value }` to add to `--set`, with a note for the user per entry. */
export function dataHyperparameters(
  program: Program,
  model: string,
  ds: SequenceDataset,
  userSet: Readonly<Record<string, unknown>>,
): { set: Record<string, number>; notes: string[] } {
  const decl = program.items.find((i) => i.kind === 'ModelDecl' && i.name.name === model);
  const set: Record<string, number> = {};
  const notes: string[] = [];
  if (!decl || decl.kind !== 'ModelDecl') return { set, notes };
  const hyper = new Set(decl.params.map((p) => p.name.name));
  const inputs = decl.body.filter((s) => s.kind === 'InputDecl');
  inputs.forEach((input, i) => {
    const vocab = input.type.vocab;
    if (input.type.dtype !== 'int' || vocab?.kind !== 'NameExpr') return;
    const name = vocab.name.name;
    const field = ds.fields.find((f) => f.name === ds.inputs[i]);
    const size = field?.vocab?.size;
    if (!hyper.has(name) || size === undefined || name in userSet || name in set) return;
    set[name] = size;
    notes.push(`${name} = ${size} (distinct tokens of ${ds.name}.${field?.name ?? '?'})`);
  });
  return { set, notes };
}
