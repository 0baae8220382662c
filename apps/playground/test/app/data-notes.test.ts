import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile/compile-source.js';
import { notesOf, shownNotes, writtenIn } from '../../src/app/data-notes.js';
import { stateOf } from '../../src/state/playground-state.js';

const SOURCE = `model NameGender(vocab = 32, hidden = 64) {
  input name: [B, T] int < vocab
  name |> embed(16) |> gru(hidden) |> last |> dense(2) -> logits
  output logits
}
`;

describe('hyperparameters set from the data', () => {
  const notes = notesOf({ vocab: 29 }, { vocab: 'vocab = 29 (distinct tokens of names.name)' });

  it('are noted while the override is still the value the data gave', () => {
    expect(shownNotes(notes, { vocab: 29 })).toEqual({
      vocab: 'vocab = 29 (distinct tokens of names.name)',
    });
    // The user typed another value, or reset the overrides: the note no longer holds.
    expect(shownNotes(notes, { vocab: 40 })).toEqual({});
    expect(shownNotes(notes, {})).toEqual({});
  });

  it('are written into the model header, replacing the default, and leave the overrides', () => {
    const state = { ...stateOf(SOURCE), set: { vocab: 29, hidden: 48 } };
    const next = writtenIn(compileSource(SOURCE, { set: state.set }), state, 'vocab');
    expect(next?.source).toContain('model NameGender(vocab = 29, hidden = 64)');
    expect(next?.source.replace('vocab = 29', 'vocab = 32')).toBe(SOURCE);
    expect(next?.set).toEqual({ hidden: 48 });
    // The rewritten text compiles to the same sizes without the override.
    const again = compileSource(next?.source ?? '', { set: next?.set ?? {} });
    expect(again.result.module?.hyperparameters['vocab']).toBe(29);
  });

  it('cannot be written where the header has no default or nothing was set', () => {
    const state = stateOf(SOURCE);
    expect(writtenIn(compileSource(SOURCE), state, 'vocab')).toBeUndefined();
  });
});
