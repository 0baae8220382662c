import { DataCodes, dataError, fileSpan } from '../codes.js';
import { splitLines, type TextLine } from '../text-lines.js';
import type { DatasetResult } from '../types.js';
import { assemble, type RawExample, type RawInput } from './assemble.js';
import { splitCells } from './csv-cells.js';
import type { ReadOptions } from './options.js';
import { Problems, parseNumber } from './problems.js';
import { TargetReader, parseSplit } from './targets.js';
import { textReading, tokenize } from './text-tokens.js';

interface Row {
  line: TextLine;
  cells: string[];
}

const LABEL_NAMES = ['label', 'y', 'class', 'target'];
const ID_NAMES = ['id', 'seq_id', 'sequence_id'];
const TIME_NAMES = ['t', 'time', 'step'];
const IDENT = /^[A-Za-z_][\w.-]*$/;

/**
 * Read a CSV data set (layouts in {@link CsvOptions}). Pure: text in, data set or
 * diagnostics out.
 */
export function readCsv(text: string, opts: ReadOptions): DatasetResult {
  const problems = new Problems(opts.file);
  const delimiter = opts.csv?.delimiter ?? ',';
  const rows: Row[] = [];
  for (const line of splitLines(text)) {
    if (line.text.trim() === '') continue;
    const cells = splitCells(line.text, delimiter);
    if (cells) rows.push({ line, cells });
    else problems.add(DataCodes.badRecord, line, 'unterminated quoted cell');
  }
  if (problems.any) return { diagnostics: problems.result() };
  const first = rows[0];
  if (!first) return emptyFile(opts.file);

  const hasHeader = opts.csv?.header ?? looksLikeHeader(rows);
  const names = hasHeader ? first.cells.map((c) => c.trim()) : undefined;
  const data = hasHeader ? rows.slice(1) : rows;
  const firstData = data[0];
  if (!firstData) {
    return {
      diagnostics: [
        dataError(DataCodes.noExamples, 'the file holds a header but no rows', fileSpan(opts.file)),
      ],
    };
  }
  const idCol = findColumn(names, opts.csv?.id, ID_NAMES, -1);
  const explicitLayout = opts.csv?.layout;
  // A named text column means one sequence per row, even beside an id column.
  const long =
    explicitLayout === 'long' ||
    (explicitLayout === undefined && idCol >= 0 && opts.csv?.text === undefined);
  const labelCol = findColumn(names, opts.csv?.label, LABEL_NAMES, long ? -1 : 0);
  const splitCol = names ? names.indexOf('split') : -1;
  const width = names?.length ?? firstData.cells.length;
  const skip = new Set([labelCol, splitCol, idCol]);
  if (names) TIME_NAMES.forEach((t) => skip.add(names.indexOf(t)));
  // `text`: one named sequence column, read in the row layout; other columns are ignored.
  const wantText = opts.csv?.text;
  const textCol = wantText === undefined ? -1 : findColumn(names, wantText, [], -1);
  if (wantText !== undefined && (textCol < 0 || textCol >= width || textCol === labelCol)) {
    return {
      diagnostics: [
        dataError(
          DataCodes.badRecord,
          `line ${first.line.line}: no text column ${String(wantText)}${textCol === labelCol && textCol >= 0 ? ' (it is the label column)' : ''}`,
          fileSpan(opts.file, first.line.start, first.line.end),
        ),
      ],
    };
  }
  const featureCols =
    textCol >= 0 ? [textCol] : [...Array(width).keys()].filter((i) => !skip.has(i));
  // One sequence column holding spaces in any row means `label,v1 v2 ...` (row layout).
  const seqCol = featureCols.length === 1 ? (featureCols[0] ?? -1) : -1;
  const spaced = seqCol >= 0 && data.some((r) => /\S\s+\S/.test(r.cells[seqCol] ?? ''));
  const layout = explicitLayout ?? (long ? 'long' : spaced || textCol >= 0 ? 'row' : 'columns');

  if (layout === 'long') {
    if (idCol < 0 || labelCol < 0) {
      return {
        diagnostics: [
          dataError(
            DataCodes.badRecord,
            'line 1: the long CSV layout needs a header naming an id column and a label column',
            fileSpan(opts.file, first.line.start, first.line.end),
            `name them e.g. "id" and "label" (or pass csv.id / csv.label)`,
          ),
        ],
      };
    }
  } else if (labelCol < 0 || labelCol >= width) {
    return {
      diagnostics: [
        dataError(
          DataCodes.badRecord,
          `line ${first.line.line}: no label column ${String(opts.csv?.label)}`,
          fileSpan(opts.file, first.line.start, first.line.end),
        ),
      ],
    };
  }

  const targets = new TargetReader(opts, problems, names?.[labelCol] ?? `column ${labelCol + 1}`);
  const raw: RawExample[] = [];
  if (layout === 'long') {
    readLong(data, { idCol, labelCol, splitCol, featureCols, width }, targets, problems, raw);
  } else {
    let stepWidth: number | undefined;
    let tokens: boolean | undefined;
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
      if (layout === 'row') {
        const cell = row.cells[featureCols[0] ?? -1] ?? '';
        const items = cell
          .trim()
          .split(/\s+/)
          .filter((s) => s);
        if (items.length === 0) {
          problems.add(DataCodes.badRecord, row.line, 'empty sequence');
          continue;
        }
        tokens ??= !items.every((it) =>
          it.split(';').every((v) => parseNumber(v).value !== undefined),
        );
        // Words by default; `unit = "chars"` or `lowercase` re-split the cell as asked.
        if (tokens) {
          const { unit, lowercase } = textReading('csv', opts);
          input = { kind: 'tokens', tokens: tokenize(cell.trim(), unit, lowercase) };
        } else {
          const steps = numericSteps(items, row.line, problems, stepWidth);
          stepWidth ??= steps?.[0]?.length;
          if (steps) input = { kind: 'vectors', steps };
        }
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
        raw.push({ key: row.line.text, input, target, ...(split ? { split } : {}) });
      }
    }
  }
  if (problems.any) return { diagnostics: problems.result() };
  return assemble(
    raw,
    {
      input: raw[0]?.input.kind === 'tokens' ? 'tokens' : 'x',
      target: 'y',
      task: opts.target === 'values' ? 'regress' : 'classify',
      description: `sequences read from ${opts.file}`,
    },
    opts,
  );
}

interface LongColumns {
  idCol: number;
  labelCol: number;
  splitCol: number;
  featureCols: number[];
  width: number;
}

/** Long layout: a row per step, grouped by id in order of first appearance. */
function readLong(
  data: Row[],
  cols: LongColumns,
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

/** A header row has identifier-like names and either a known column name or data rows after it that do not look like names. */
function looksLikeHeader(rows: Row[]): boolean {
  const [a, b] = rows;
  if (!a || !a.cells.every((c) => IDENT.test(c.trim()))) return false;
  const known = [...LABEL_NAMES, ...ID_NAMES, 'split'];
  if (a.cells.some((c) => known.includes(c.trim().toLowerCase()))) return true;
  return b !== undefined && !b.cells.every((c) => IDENT.test(c.trim()));
}

/** Column index from an explicit name/index, else the first known name, else `fallback`. */
function findColumn(
  names: string[] | undefined,
  wanted: string | number | undefined,
  known: string[],
  fallback: number,
): number {
  if (typeof wanted === 'number') return wanted;
  const lower = names?.map((n) => n.toLowerCase());
  if (wanted !== undefined) return lower ? lower.indexOf(wanted.toLowerCase()) : -1;
  const hit = lower?.findIndex((n) => known.includes(n)) ?? -1;
  return hit >= 0 ? hit : fallback;
}

function emptyFile(file: string): DatasetResult {
  return {
    diagnostics: [dataError(DataCodes.emptyFile, 'line 1: the file is empty', fileSpan(file))],
  };
}
