import { DataCodes } from '../codes.js';
import type { TextLine } from '../text-lines.js';
import type { SplitName } from '../types.js';
import type { RawTarget } from './assemble.js';
import type { ReadOptions } from './options.js';
import { parseNumber, type Problems } from './problems.js';

/**
 * Reads whole-sequence targets the same way for every format: a class label (checked
 * against a fixed label set when one is given) or `;`-separated regression values of a
 * fixed width.
 */
export class TargetReader {
  private width: number | undefined;

  constructor(
    private readonly opts: ReadOptions,
    private readonly problems: Problems,
  ) {}

  /** The target in `cell`, or undefined after recording why it is bad. */
  read(cell: string | number | number[], line: TextLine): RawTarget | undefined {
    if (this.opts.target === 'values') return this.values(cell, line);
    const label = String(cell).trim();
    if (label === '') {
      this.problems.add(DataCodes.badRecord, line, 'empty label');
      return undefined;
    }
    const fixed = this.opts.labels;
    if (fixed && !fixed.includes(label)) {
      this.problems.add(
        DataCodes.unknownLabel,
        line,
        `unknown label "${label}"; expected one of ${fixed.map((l) => `"${l}"`).join(', ')}`,
      );
      return undefined;
    }
    return { kind: 'class', label };
  }

  private values(cell: string | number | number[], line: TextLine): RawTarget | undefined {
    const parts = Array.isArray(cell) ? cell.map(String) : String(cell).split(';');
    const values: number[] = [];
    for (const p of parts) {
      const n = parseNumber(p);
      if (n.error !== undefined) {
        this.problems.add(DataCodes.notANumber, line, `target: ${n.error}`);
        return undefined;
      }
      values.push(n.value);
    }
    this.width ??= values.length;
    if (values.length !== this.width) {
      this.problems.add(
        DataCodes.wrongWidth,
        line,
        `target has ${values.length} values; expected ${this.width}`,
      );
      return undefined;
    }
    return { kind: 'values', values };
  }
}

const SPLIT_NAMES: Record<string, SplitName> = {
  train: 'train',
  valid: 'valid',
  validation: 'valid',
  dev: 'valid',
  test: 'test',
};

/** An explicit split cell: undefined when blank (hash split), null when invalid. */
export function parseSplit(
  cell: unknown,
  line: TextLine,
  problems: Problems,
): SplitName | undefined | null {
  if (cell === undefined || cell === null || String(cell).trim() === '') return undefined;
  const split = SPLIT_NAMES[String(cell).trim().toLowerCase()];
  if (split) return split;
  problems.add(
    DataCodes.badRecord,
    line,
    `unknown split "${String(cell)}"; use train, valid or test`,
  );
  return null;
}
