/**
 * Which hyperparameter bounds each model input's token ids: `input name: [B, T] int < vocab`
 * gives `vocab`. Training fills such hyperparameters from the data's vocabulary sizes.
 */
import type { Program } from '@seqlab/syntax';

/** Per model input, in declared order: the hyperparameter naming its vocabulary bound. */
export function inputVocabHyperparameters(program: Program, model: string): (string | undefined)[] {
  const decl = program.items.find((i) => i.kind === 'ModelDecl' && i.name.name === model);
  if (decl?.kind !== 'ModelDecl') return [];
  const declared = new Set(decl.params.map((p) => p.name.name));
  return decl.body
    .filter((s) => s.kind === 'InputDecl')
    .map((input) => {
      const bound = input.type.vocab;
      if (input.type.dtype !== 'int' || bound?.kind !== 'NameExpr') return undefined;
      return declared.has(bound.name.name) ? bound.name.name : undefined;
    });
}
