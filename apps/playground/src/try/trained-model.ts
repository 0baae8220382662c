/**
 * A model ready for "Try it": the lowered model, the data set's schema (vocabularies) and
 * the binding between them. Comes from a training run in the page or from a loaded run file.
 */
import type { FieldSpec, SequenceDataset } from '@seqlab/data';
import type { CompiledModel, DataBinding } from '@seqlab/tfjs';

/** What inference needs. */
export interface TrainedModel {
  readonly model: CompiledModel;
  /** The data set (its splits may be empty when it came from a run file). */
  readonly dataset: SequenceDataset;
  readonly binding: DataBinding;
  /** Where it came from, for the panel's caption. */
  readonly origin: string;
}

/** The field `name` of `ds`. */
export function fieldOf(ds: SequenceDataset, name: string): FieldSpec | undefined {
  return ds.fields.find((f) => f.name === name);
}

/**
 * Whether a token field holds characters (names, letters, text) rather than words: its
 * vocabulary is single characters apart from the `<...>` specials.
 */
export function isCharField(f: FieldSpec): boolean {
  const tokens = f.vocab?.tokens ?? [];
  const real = tokens.filter((t) => !/^<\w+>$/.test(t));
  return real.length > 0 && real.filter((t) => [...t].length === 1).length / real.length > 0.9;
}

/** Split user text into the field's tokens: characters or whitespace-separated words. */
export function tokensOf(f: FieldSpec, text: string, lowercase: boolean): string[] {
  const t = lowercase ? text.toLowerCase() : text;
  return isCharField(f) ? [...t] : t.split(/\s+/).filter((w) => w !== '');
}

/** Whether a vocabulary looks lower-cased (so user input should be too). */
export function isLowercase(f: FieldSpec): boolean {
  const tokens = f.vocab?.tokens ?? [];
  return !tokens.some((t) => !/^<\w+>$/.test(t) && t !== t.toLowerCase());
}
