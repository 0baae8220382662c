import { DataCodes, dataError, fileSpan } from '../codes.js';
import { splitLines, type TextLine } from '../text-lines.js';
import type { DatasetResult } from '../types.js';
import { assemble, type RawExample, type RawSchema, type RawTarget } from './assemble.js';
import type { ReadOptions } from './options.js';
import { Problems } from './problems.js';
import { TargetReader, fixedLabels, parseSplit } from './targets.js';
import { textReading, tokenize } from './text-tokens.js';

/** The record shapes a JSONL data set may use (one shape per file). */
type Shape = 'xy' | 'tagged' | 'text';

/** A parsed line: the object and where it came from. */
interface JsonRecord {
  line: TextLine;
  value: Record<string, unknown>;
}

const SHAPE_KEYS: Record<Shape, string> = {
  xy: '{"x": [[...], ...], "y": ...}',
  tagged: '{"tokens": [...], "tags": [...]}',
  text: '{"text": "...", "label": "..."}',
};

/**
 * Read a JSONL data set: one JSON object per line, all of one shape:
 * `{"x": [[...], ...], "y": ...}` (vectors → class or values), `{"tokens": [...],
 * "tags": [...]}` (tagging), or `{"text": "...", "label": "..."}` (text classification).
 * An optional `"split"` key places a record in train/valid/test.
 */
export function readJsonl(text: string, opts: ReadOptions): DatasetResult {
  const problems = new Problems(opts.file);
  const records = parseRecords(text, problems);
  if (problems.any) return { diagnostics: problems.result() };
  const head = records[0];
  if (!head) {
    return {
      diagnostics: [
        dataError(DataCodes.emptyFile, 'line 1: the file is empty', fileSpan(opts.file)),
      ],
    };
  }
  const shape = shapeOf(head.value);
  if (!shape) {
    problems.add(
      DataCodes.badRecord,
      head.line,
      `unrecognised record; expected ${Object.values(SHAPE_KEYS).join(' or ')}`,
    );
    return { diagnostics: problems.result() };
  }
  const y = head.value.y ?? head.value.label;
  const targetKind =
    opts.target ??
    (shape === 'xy' && (Array.isArray(y) || (typeof y === 'number' && !Number.isInteger(y)))
      ? 'values'
      : 'class');
  const targetName = shape === 'xy' || !('label' in head.value) ? 'y' : 'label';
  const targets = new TargetReader({ ...opts, target: targetKind }, problems, targetName);
  const reader = new RecordReader(shape, opts, problems);

  const raw: RawExample[] = [];
  for (const { line, value } of records) {
    if (problems.full) break;
    if (shapeOf(value) !== shape) {
      problems.add(
        DataCodes.badRecord,
        line,
        `record shape differs from line ${head.line.line}; expected ${SHAPE_KEYS[shape]}`,
      );
      continue;
    }
    const split = parseSplit(value.split, line, problems);
    const ex = reader.read(value, line, targets);
    if (ex && split !== null) raw.push({ ...ex, key: line.text, ...(split ? { split } : {}) });
  }
  if (problems.any) return { diagnostics: problems.result() };

  const schemas: Record<Shape, RawSchema> = {
    xy: {
      input: 'x',
      target: 'y',
      task: targetKind === 'values' ? 'regress' : 'classify',
      description: `sequences read from ${opts.file}`,
    },
    tagged: {
      input: 'tokens',
      target: 'tags',
      task: 'tag',
      description: `tagged tokens from ${opts.file}`,
    },
    text: {
      input: 'text',
      target: 'label',
      task: 'classify',
      description: `labelled text from ${opts.file}`,
    },
  };
  return assemble(raw, schemas[shape], opts);
}

/** One JSON object per non-blank line; anything else is a problem on its line. */
function parseRecords(text: string, problems: Problems): JsonRecord[] {
  const records: JsonRecord[] = [];
  for (const line of splitLines(text)) {
    if (line.text.trim() === '' || problems.full) continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (e) {
      problems.add(DataCodes.invalidJson, line, `invalid JSON (${(e as Error).message})`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.add(DataCodes.badRecord, line, 'expected a JSON object');
      continue;
    }
    records.push({ line, value: value as Record<string, unknown> });
  }
  return records;
}

function shapeOf(r: Record<string, unknown>): Shape | undefined {
  if ('x' in r && 'y' in r) return 'xy';
  if ('tokens' in r && 'tags' in r) return 'tagged';
  if ('text' in r && ('label' in r || 'y' in r)) return 'text';
  return undefined;
}

/** Validates one record of a known shape and turns it into a raw example. */
class RecordReader {
  private width: number | undefined;
  private targetWidth: number | undefined;
  private nested: boolean | undefined;

  constructor(
    private readonly shape: Shape,
    private readonly opts: ReadOptions,
    private readonly problems: Problems,
  ) {}

  read(
    r: Record<string, unknown>,
    line: TextLine,
    targets: TargetReader,
  ): Omit<RawExample, 'key'> | undefined {
    switch (this.shape) {
      case 'xy': {
        const steps = this.steps(r.x, line);
        const target = this.perStep(r.y, line)
          ? this.series(r.y, steps?.length, line)
          : targets.read(jsonTarget(r.y), line);
        return steps && target ? { input: { kind: 'vectors', steps }, target } : undefined;
      }
      case 'tagged': {
        const tokens = this.strings(r.tokens, 'tokens', line);
        const tags = this.strings(r.tags, 'tags', line);
        if (!tokens || !tags) return undefined;
        if (tokens.length !== tags.length) {
          this.problems.add(
            DataCodes.lengthMismatch,
            line,
            `${tokens.length} tokens but ${tags.length} tags`,
          );
          return undefined;
        }
        const fixed = fixedLabels(this.opts);
        const bad = fixed ? tags.find((t) => !fixed.includes(t)) : undefined;
        if (bad !== undefined) {
          this.problems.add(DataCodes.unknownLabel, line, `unknown tag "${bad}"`);
          return undefined;
        }
        return { input: { kind: 'tokens', tokens }, target: { kind: 'tags', tags } };
      }
      case 'text': {
        if (typeof r.text !== 'string' || r.text.trim() === '') {
          this.problems.add(DataCodes.badRecord, line, '"text" must be a non-empty string');
          return undefined;
        }
        const { unit, lowercase } = textReading('jsonl', this.opts);
        const tokens = tokenize(r.text, unit, lowercase);
        const target = targets.read(jsonTarget(r.label ?? r.y), line);
        return target ? { input: { kind: 'tokens', tokens }, target } : undefined;
      }
    }
  }

  /**
   * Whether `y` holds a value per step (a list of lists, with `target: 'values'`); the first
   * record decides, and a record of the other kind is an error.
   */
  private perStep(y: unknown, line: TextLine): boolean {
    if (this.opts.target !== 'values') return false;
    const nested = Array.isArray(y) && y.some((v) => Array.isArray(v));
    this.nested ??= nested;
    if (nested !== this.nested) {
      this.problems.add(
        DataCodes.badRecord,
        line,
        this.nested
          ? '"y" must hold a list of values per step, as the first record does'
          : '"y" must be a number or a flat list of values, as the first record is',
      );
    }
    return this.nested;
  }

  /** Per-step regression targets: one step of values per input step. */
  private series(y: unknown, steps: number | undefined, line: TextLine): RawTarget | undefined {
    if (!Array.isArray(y)) return undefined;
    const out = this.numericSteps(y, 'y', line, 'targetWidth');
    if (!out) return undefined;
    if (steps !== undefined && out.length !== steps) {
      this.problems.add(
        DataCodes.lengthMismatch,
        line,
        `"x" has ${steps} steps but "y" has ${out.length} (a per-step target needs one per step)`,
      );
      return undefined;
    }
    return { kind: 'series', steps: out };
  }

  /** `x` as `[T][D]` numbers (a flat `[T]` list is width 1). */
  private steps(x: unknown, line: TextLine): number[][] | undefined {
    return this.numericSteps(x, 'x', line, 'width');
  }

  private numericSteps(
    x: unknown,
    key: 'x' | 'y',
    line: TextLine,
    widthOf: 'width' | 'targetWidth',
  ): number[][] | undefined {
    if (!Array.isArray(x) || x.length === 0) {
      this.problems.add(DataCodes.badRecord, line, `"${key}" must be a non-empty array of steps`);
      return undefined;
    }
    const steps: number[][] = [];
    for (let t = 0; t < x.length; t++) {
      const step: unknown = x[t];
      const row: unknown[] = Array.isArray(step) ? step : [step];
      const bad = row.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
      if (bad >= 0) {
        const v = row[bad];
        const what =
          v === 'NaN' || v === null ? 'NaN/null value' : `${JSON.stringify(v)} is not a number`;
        const why = key === 'y' ? this.opts.targetReason : undefined;
        this.problems.add(
          DataCodes.notANumber,
          line,
          `${key} step ${t + 1}: ${what}${why ? ` (${why} needs numbers)` : ''}`,
        );
        return undefined;
      }
      this[widthOf] ??= row.length;
      if (row.length !== this[widthOf]) {
        this.problems.add(
          DataCodes.wrongWidth,
          line,
          `${key} step ${t + 1} has ${row.length} values; expected ${this[widthOf]}`,
        );
        return undefined;
      }
      steps.push(row as number[]);
    }
    return steps;
  }

  private strings(v: unknown, key: string, line: TextLine): string[] | undefined {
    if (
      !Array.isArray(v) ||
      v.length === 0 ||
      !v.every((s) => typeof s === 'string' || typeof s === 'number')
    ) {
      this.problems.add(DataCodes.badRecord, line, `"${key}" must be a non-empty array of strings`);
      return undefined;
    }
    return v.map(String);
  }
}

/** A JSON target as the target reader takes it. */
function jsonTarget(y: unknown): string | number | number[] {
  if (typeof y === 'string' || typeof y === 'number') return y;
  if (Array.isArray(y)) return y as number[];
  return JSON.stringify(y) ?? '';
}
