/**
 * Hyperparameters the data decides, as `seqlab train` does: `input x: [B, T] int < vocab`
 * bounds the ids by `vocab`, and the data set knows how many distinct tokens there are. A
 * vocabulary bound the user has not set takes the data's size, so the embedding has exactly
 * the rows it needs (and a model trained here loads in the CLI with the same shapes).
 */
import type { SequenceDataset } from '@seqlab/data';
import type { Program } from '@seqlab/syntax';

/** Overrides to add, with a note per entry for the user. */
export function dataHyperparameters(
  program: Program,
  model: string,
  ds: SequenceDataset,
  userSet: Readonly<Record<string, unknown>>,
): { set: Record<string, number>; notes: string[] } {
  const set: Record<string, number> = {};
  const notes: string[] = [];
  const decl = program.items.find((i) => i.kind === 'ModelDecl' && i.name.name === model);
  if (decl?.kind !== 'ModelDecl') return { set, notes };
  const declared = new Set(decl.params.map((p) => p.name.name));
  const inputs = decl.body.filter((s) => s.kind === 'InputDecl');
  inputs.forEach((input, i) => {
    const bound = input.type.vocab;
    if (input.type.dtype !== 'int' || bound?.kind !== 'NameExpr') return;
    const name = bound.name.name;
    const field = ds.fields.find((f) => f.name === ds.inputs[i]);
    const size = field?.vocab?.size;
    if (!declared.has(name) || size === undefined || name in userSet || name in set) return;
    set[name] = size;
    notes.push(`${name} = ${size} (distinct tokens of ${ds.name}.${field?.name ?? '?'})`);
  });
  return { set, notes };
}
