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
    /** The target's name in the file (`y`, `label`, a CSV column), for messages. */
    private readonly field = 'the target',
  ) {}

  /** The target in `cell`, or undefined after recording why it is bad. */
  read(cell: string | number | number[], line: TextLine): RawTarget | undefined {
    if (this.opts.target === 'values') return this.values(cell, line);
    if (this.opts.targetReason !== undefined && (Array.isArray(cell) || !isLabel(cell))) {
      this.problems.add(
        DataCodes.badRecord,
        line,
        `${this.field} is ${show(cell)} but ${this.opts.targetReason} needs class labels (a string or a whole number)`,
      );
      return undefined;
    }
    const label = String(cell).trim();
    if (label === '') {
      this.problems.add(DataCodes.badRecord, line, 'empty label');
      return undefined;
    }
    const fixed = fixedLabels(this.opts);
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
        const why = this.opts.targetReason;
        this.problems.add(
          DataCodes.notANumber,
          line,
          why === undefined
            ? `target: ${n.error}`
            : `${this.field} is ${show(cell)} but ${why} needs numbers`,
        );
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

/**
 * The closed set of labels (or tags) a file may use, if one is fixed: `labels`, else the
 * ordinary tokens of `labelVocab` (a trained run's: a label it never saw has no output).
 */
export function fixedLabels(opts: ReadOptions): readonly string[] | undefined {
  if (opts.labels) return opts.labels;
  const vocab = opts.labelVocab;
  if (!vocab) return undefined;
  const structural = new Set([vocab.bosId, vocab.eosId]);
  return vocab.tokens.filter((_, id) => !(vocab.specials && id < 2) && !structural.has(id));
}

/** A number with a fraction is a value, never a class label. */
function isLabel(cell: string | number): boolean {
  return typeof cell === 'string' || Number.isInteger(cell);
}

/** A target as a message quotes it. */
function show(cell: string | number | number[]): string {
  return JSON.stringify(cell);
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
