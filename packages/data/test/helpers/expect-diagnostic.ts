import { expect } from 'vitest';
import type { DatasetResult, SequenceDataset } from '../../src/index.js';

/** The data set of a result that must have succeeded (fails the test otherwise). */
export function ok(r: DatasetResult): SequenceDataset {
  if (!r.dataset)
    throw new Error(`expected a data set, got ${JSON.stringify(r.diagnostics, null, 2)}`);
  return r.dataset;
}

/**
 * Assert the result failed with `code` on 1-based `line` of `text`: the message names the
 * line and the span covers exactly that line of `file`.
 */
export function expectLineError(
  r: DatasetResult,
  code: string,
  line: number,
  text: string,
  file: string,
  message?: RegExp,
): void {
  expect(r.dataset).toBeUndefined();
  const d = r.diagnostics?.find((x) => x.code === code);
  expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
  if (!d) return;
  expect(d.severity).toBe('error');
  expect(d.message).toMatch(new RegExp(`\\bline ${line}\\b`));
  if (message) expect(d.message).toMatch(message);
  expect(d.span.file).toBe(file);
  const lines = text.split('\n');
  expect(text.slice(d.span.start, d.span.end)).toBe(lines[line - 1]?.replace(/\r$/, ''));
}

/** All examples of every split. */
export function allExamples(ds: SequenceDataset): SequenceDataset['splits']['train'] {
  return [...ds.splits.train, ...ds.splits.valid, ...ds.splits.test];
}
