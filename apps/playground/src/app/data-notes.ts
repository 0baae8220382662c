/**
 * Hyperparameters that training set from the data (the vocabulary size of the data set):
 * which, to what and why, for the hyperparameter bar's notes, and writing one into the
 * model header so the text says what is trained.
 */
import type { SetValue } from '@seqlab/compiler';
import type { Compiled } from '../compile/compile-source.js';
import type { PlaygroundState } from '../state/playground-state.js';
import { showSetValue } from './hyperbar.js';

/** Hyperparameters training set from the data, by name: the value set and why. */
export type DataNotes = Record<
  string,
  { readonly value: SetValue | undefined; readonly why: string }
>;

/** The notes still true: the override is still the value the data gave (not edited since). */
export function shownNotes(
  notes: DataNotes,
  set: PlaygroundState['set'],
): Readonly<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(notes)
      .filter(
        ([k, n]) => set[k] !== undefined && JSON.stringify(set[k]) === JSON.stringify(n.value),
      )
      .map(([k, n]) => [k, n.why]),
  );
}

/** The notes of hyperparameters the data `set`, by name. */
export function notesOf(
  set: PlaygroundState['set'],
  notes: Readonly<Record<string, string>>,
): DataNotes {
  return Object.fromEntries(Object.entries(notes).map(([k, why]) => [k, { value: set[k], why }]));
}

/**
 * `state` with the override of `name` written as its default in the model header of
 * `compiled`'s text (and dropped from the overrides); none if the header gives no default.
 */
export function writtenIn(
  compiled: Compiled,
  state: PlaygroundState,
  name: string,
): PlaygroundState | undefined {
  const span = compiled.hyperparameters.find((p) => p.name === name)?.defaultSpan;
  const value = state.set[name];
  if (!span || value === undefined) return undefined;
  const text = compiled.text;
  const source = text.slice(0, span.start) + showSetValue(value) + text.slice(span.end);
  const { [name]: _written, ...set } = state.set;
  return { ...state, source, set };
}
