/** Preparing new data for `seqlab eval --data`: every example of a file, unknown-token counts. */
import type { SequenceDataset, SplitName } from '@seqlab/data';

/** How many input tokens were read as `<unk>` (id 1), out of how many. */
export interface UnknownCount {
  readonly unknown: number;
  readonly tokens: number;
}

/** The data set with every example of every split in `test`: a new file is scored whole. */
export function wholeFile(ds: SequenceDataset): SequenceDataset {
  const { train, valid, test } = ds.splits;
  return { ...ds, splits: { train: [], valid: [], test: [...train, ...valid, ...test] } };
}

/**
 * Unknown tokens in the token inputs of `split` (the vocabulary's `<unk>`, id 1), or
 * undefined when no input is a token sequence.
 */
export function countUnknown(ds: SequenceDataset, split: SplitName): UnknownCount | undefined {
  const fields = ds.fields.filter(
    (f) => ds.inputs.includes(f.name) && f.kind === 'tokens' && f.vocab?.specials,
  );
  if (fields.length === 0) return undefined;
  let unknown = 0;
  let tokens = 0;
  for (const ex of ds.splits[split]) {
    for (const f of fields) {
      const ids = ex[f.name];
      if (!Array.isArray(ids)) continue;
      tokens += ids.length;
      for (const id of ids) if (id === 1) unknown++;
    }
  }
  return { unknown, tokens };
}
