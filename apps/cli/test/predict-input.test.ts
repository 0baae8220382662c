import { describe, expect, it } from 'vitest';
import { looksLikePath } from '../src/commands/predict.js';

// Issue 15: `predict --input names.txt` with a mistyped path classified the path string.
describe('predict --input: text or a path?', () => {
  it.each(['names.txt', 'data/new.csv', './x', 'C:\\data\\a.jsonl', 'runs/x/inputs.npy'])(
    '%s looks like a path',
    (text) => expect(looksLikePath(text)).toBe(true),
  );

  it.each(['maria', 'the jury said it did', 'o.k', 'a/b c', ''])('%j is text', (text) =>
    expect(looksLikePath(text)).toBe(false),
  );
});
