import { DataCodes, dataError, fileSpan } from '../codes.js';
import { splitLines, type TextLine } from '../text-lines.js';
import type { DatasetResult } from '../types.js';
import { assemble, type RawExample, type RawInput } from './assemble.js';
import { delimiterName, guessDelimiter, splitCells } from './csv-cells.js';
import { csvColumns, looksLikeHeader, type CsvColumns, type Row } from './csv-columns.js';
import type { ReadOptions } from './options.js';
import { Problems, parseNumber } from './problems.js';
import { TargetReader, parseSplit } from './targets.js';
import { textReading, tokenize } from './text-tokens.js';

/**
 * Read a CSV data set (layouts in {@link CsvOptions}). Pure: text in, data set or
 * diagnostics out.
 */
export function readCsv(text: string, opts: ReadOptions): DatasetResult {
  const problems = new Problems(opts.file);
  const guessed =
    opts.csv?.delimiter === undefined ? guessDelimiter(nonBlankLines(text)) : undefined;
  const rows = parseRows(text, guessed ?? opts.csv?.delimiter ?? ',', problems);
  if (problems.any) return { diagnostics: problems.result() };
  const first = rows[0];
  if (!first) return emptyFile(opts.file);

  const hasHeader = opts.csv?.header ?? looksLikeHeader(rows);
  const names = hasHeader ? first.cells.map((c) => c.trim()) : undefined;
  const data = hasHeader ? rows.slice(1) : rows;
  if (!data[0]) {
    return {
      diagnostics: [
        dataError(DataCodes.noExamples, 'the file holds a header but no rows', fileSpan(opts.file)),
      ],
    };
  }
  const cols = csvColumns(names, first, data, opts);
  if ('diagnostics' in cols) return cols;

  const { labelCol } = cols;
  const targets = new TargetReader(opts, problems, names?.[labelCol] ?? `column ${labelCol + 1}`);
  const raw: RawExample[] = [];
  if (cols.layout === 'long') readLong(data, cols, targets, problems, raw);
  else readWide(data, cols, opts, targets, problems, raw);
  if (problems.any) return { diagnostics: problems.result() };
  return assemble(
    raw,
    {
      input: raw[0]?.input.kind === 'tokens' ? 'tokens' : 'x',
      target: 'y',
      task: opts.target === 'values' ? 'regress' : 'classify',
      description: `sequences read from ${opts.file}${guessed ? ` (${delimiterName(guessed)}-separated)` : ''}`,
    },
    opts,
  );
}

/** The text of each non-blank line. */
function nonBlankLines(text: string): string[] {
  return splitLines(text)
    .map((l) => l.text)
    .filter((t) => t.trim() !== '');
}

/** The non-blank lines split into cells; an unterminated quote is a problem on its line. */
function parseRows(text: string, delimiter: string, problems: Problems): Row[] {
  const rows: Row[] = [];
  for (const line of splitLines(text)) {
    if (line.text.trim() === '') continue;
    const cells = splitCells(line.text, delimiter);
    if (cells) rows.push({ line, cells });
    else problems.add(DataCodes.badRecord, line, 'unterminated quoted cell');
  }
  return rows;
}

/** What the first `row`-layout rows settle for the rest: step width, and tokens or numbers. */
interface RowLayoutState {
  stepWidth?: number;
  tokens?: boolean;
}

/** `row` and `columns` layouts: one sequence per row. */
function readWide(
  data: Row[],
  cols: CsvColumns,
  opts: ReadOptions,
  targets: TargetReader,
  problems: Problems,
  out: RawExample[],
): void {
  const { width, labelCol, splitCol, featureCols } = cols;
  const state: RowLayoutState = {};
  for (const row of data) {
    if (problems.full) break;
    if (row.cells.length !== width) {
      problems.add(
        DataCodes.raggedRow,
        row.line,
        `expected ${width} columns, got ${row.cells.length}`,
      );
      continue;
    }
    const target = targets.read(row.cells[labelCol] ?? '', row.line);
    const split =
      splitCol >= 0 ? parseSplit(row.cells[splitCol] ?? '', row.line, problems) : undefined;
    let input: RawInput | undefined;
    if (cols.layout === 'row') {
      input = rowInput(row.cells[featureCols[0] ?? -1] ?? '', row.line, state, opts, problems);
    } else {
      const steps = numericSteps(
        featureCols.map((c) => row.cells[c] ?? ''),
        row.line,
        problems,
        1,
      );
      if (steps) input = { kind: 'vectors', steps };
    }
    if (input && target && split !== null) {
      out.push({ key: row.line.text, input, target, ...(split ? { split } : {}) });
    }
  }
}

/** `row` layout: one cell of space-separated steps, read as tokens or as numeric steps. */
function rowInput(
  cell: string,
  line: TextLine,
  state: RowLayoutState,
  opts: ReadOptions,
  problems: Problems,
): RawInput | undefined {
  const items = cell
    .trim()
    .split(/\s+/)
    .filter((s) => s);
  if (items.length === 0) {
    problems.add(DataCodes.badRecord, line, 'empty sequence');
    return undefined;
  }
  state.tokens ??= !items.every((it) =>
    it.split(';').every((v) => parseNumber(v).value !== undefined),
  );
  // Words by default; `unit = "chars"` or `lowercase` re-split the cell as asked.
  if (state.tokens) {
    const { unit, lowercase } = textReading('csv', opts);
    return { kind: 'tokens', tokens: tokenize(cell.trim(), unit, lowercase) };
  }
  const steps = numericSteps(items, line, problems, state.stepWidth);
  state.stepWidth ??= steps?.[0]?.length;
  return steps ? { kind: 'vectors', steps } : undefined;
}

/** Long layout: a row per step, grouped by id in order of first appearance. */
function readLong(
  data: Row[],
  cols: CsvColumns,
  targets: TargetReader,
  problems: Problems,
  out: RawExample[],
): void {
  const groups = new Map<string, { rows: Row[]; label: string }>();
  for (const row of data) {
    if (problems.full) return;
    if (row.cells.length !== cols.width) {
      problems.add(
        DataCodes.raggedRow,
        row.line,
        `expected ${cols.width} columns, got ${row.cells.length}`,
      );
      continue;
    }
    const id = (row.cells[cols.idCol] ?? '').trim();
    const label = (row.cells[cols.labelCol] ?? '').trim();
    const group = groups.get(id);
    if (!group) groups.set(id, { rows: [row], label });
    else if (group.label !== label) {
      problems.add(
        DataCodes.badRecord,
        row.line,
        `sequence "${id}" changes label from "${group.label}" to "${label}"`,
      );
    } else group.rows.push(row);
  }
  for (const [id, group] of groups) {
    const head = group.rows[0];
    if (!head) continue;
    const target = targets.read(group.label, head.line);
    const split =
      cols.splitCol >= 0
        ? parseSplit(head.cells[cols.splitCol] ?? '', head.line, problems)
        : undefined;
    const steps: number[][] = [];
    for (const row of group.rows) {
      const step = numericSteps(
        [cols.featureCols.map((c) => row.cells[c] ?? '').join(';')],
        row.line,
        problems,
        cols.featureCols.length,
      );
      if (step?.[0]) steps.push(step[0]);
    }
    if (target && split !== null && steps.length === group.rows.length) {
      out.push({ key: id, input: { kind: 'vectors', steps }, target, ...(split ? { split } : {}) });
    }
  }
}

/** Parse `a;b` items into steps of numbers, checking each step has `width` values. */
function numericSteps(
  items: string[],
  line: TextLine,
  problems: Problems,
  width: number | undefined,
): number[][] | undefined {
  const steps: number[][] = [];
  let ok = true;
  items.forEach((item, t) => {
    const values: number[] = [];
    for (const part of item.split(';')) {
      const n = parseNumber(part);
      if (n.error !== undefined) {
        if (ok) problems.add(DataCodes.notANumber, line, `step ${t + 1}: ${n.error}`);
        ok = false;
        return;
      }
      values.push(n.value);
    }
    const want = width ?? steps[0]?.length ?? values.length;
    if (values.length !== want) {
      if (ok) {
        problems.add(
          DataCodes.wrongWidth,
          line,
          `step ${t + 1} has ${values.length} values; expected ${want}`,
        );
      }
      ok = false;
    }
    steps.push(values);
  });
  return ok ? steps : undefined;
}

function emptyFile(file: string): DatasetResult {
  return {
    diagnostics: [dataError(DataCodes.emptyFile, 'line 1: the file is empty', fileSpan(file))],
  };
}
