/**
 * Which CSV column plays which part (id, label, split, text, features) and the layout they
 * imply, from the header names, the options and a look at the data.
 */
import type { Diagnostic } from '@seqlab/diagnostics';
import { DataCodes, dataError, fileSpan } from '../codes.js';
import { OTHER_DELIMITERS, delimiterName } from './csv-cells.js';
import type { TextLine } from '../text-lines.js';
import type { CsvOptions, ReadOptions } from './options.js';

/** One non-blank CSV line and its cells. */
export interface Row {
  line: TextLine;
  cells: string[];
}

/** Column indexes (-1: none) and the layout the rows are read in. */
export interface CsvColumns {
  layout: NonNullable<CsvOptions['layout']>;
  idCol: number;
  labelCol: number;
  splitCol: number;
  featureCols: number[];
  width: number;
}

const LABEL_NAMES = ['label', 'y', 'class', 'target'];
const ID_NAMES = ['id', 'seq_id', 'sequence_id'];
const TIME_NAMES = ['t', 'time', 'step'];
const IDENT = /^[A-Za-z_][\w.-]*$/;

/**
 * Find the columns and the layout, or the diagnostic for a column the options or the layout
 * need but the file lacks. `data` (the rows after any header) is not empty.
 */
export function csvColumns(
  names: string[] | undefined,
  first: Row,
  data: Row[],
  opts: ReadOptions,
): CsvColumns | { diagnostics: Diagnostic[] } {
  const idCol = findColumn(names, opts.csv?.id, ID_NAMES, -1);
  const explicitLayout = opts.csv?.layout;
  // A named text column means one sequence per row, even beside an id column.
  const long =
    explicitLayout === 'long' ||
    (explicitLayout === undefined && idCol >= 0 && opts.csv?.text === undefined);
  const labelCol = findColumn(names, opts.csv?.label, LABEL_NAMES, long ? -1 : 0);
  const splitCol = names ? names.indexOf('split') : -1;
  const width = names?.length ?? data[0]?.cells.length ?? 0;
  const skip = new Set([labelCol, splitCol, idCol]);
  if (names) TIME_NAMES.forEach((t) => skip.add(names.indexOf(t)));
  // `text`: one named sequence column, read in the row layout; other columns are ignored.
  const wantText = opts.csv?.text;
  const textCol = wantText === undefined ? -1 : findColumn(names, wantText, [], -1);
  if (wantText !== undefined && (textCol < 0 || textCol >= width || textCol === labelCol)) {
    return headerError(
      opts.file,
      first,
      `line ${first.line.line}: no text column ${String(wantText)}${textCol === labelCol && textCol >= 0 ? ' (it is the label column)' : ''}`,
    );
  }
  const featureCols =
    textCol >= 0 ? [textCol] : [...Array(width).keys()].filter((i) => !skip.has(i));
  if (featureCols.length === 0) return noInputColumn(opts.file, first, width, names);
  // One sequence column holding spaces in any row means `label,v1 v2 ...` (row layout).
  const seqCol = featureCols.length === 1 ? (featureCols[0] ?? -1) : -1;
  const spaced = seqCol >= 0 && data.some((r) => /\S\s+\S/.test(r.cells[seqCol] ?? ''));
  const layout = explicitLayout ?? (long ? 'long' : spaced || textCol >= 0 ? 'row' : 'columns');

  if (layout === 'long') {
    if (idCol < 0 || labelCol < 0) {
      return headerError(
        opts.file,
        first,
        'line 1: the long CSV layout needs a header naming an id column and a label column',
        `name them e.g. "id" and "label" (or pass csv.id / csv.label)`,
      );
    }
  } else if (labelCol < 0 || labelCol >= width) {
    return headerError(
      opts.file,
      first,
      `line ${first.line.line}: no label column ${String(opts.csv?.label)}`,
    );
  }
  return { layout, idCol, labelCol, splitCol, featureCols, width };
}

/**
 * Every column is the label, the split, an id or a time column: nothing is left to read as
 * the input. Most often a file separated by something other than the delimiter in use, read
 * as one column; the hint names the separator its first line holds.
 */
function noInputColumn(
  file: string,
  first: Row,
  width: number,
  names: string[] | undefined,
): { diagnostics: Diagnostic[] } {
  // Without a header only the label is set aside, so a file without one has one column.
  const roles =
    width === 1 || !names
      ? 'its one column is the label'
      : `its columns ${names.map((n) => `"${n}"`).join(', ')} are the label, id, split or time`;
  // One column: the separator in use is not in the line (outside quotes); another may be.
  const other =
    width === 1 ? [...OTHER_DELIMITERS, ','].find((d) => first.line.text.includes(d)) : undefined;
  const span = fileSpan(file, first.line.start, first.line.end);
  const message = `line ${first.line.line}: no column is left for the input: ${roles}`;
  const hint = other
    ? `is the file separated by ${delimiterName(other)}? set it with delimiter = ${JSON.stringify(other)}`
    : 'add a column of inputs, or name the text column with text = "..."';
  return { diagnostics: [dataError(DataCodes.noInputColumn, message, span, hint)] };
}

/** A bad-record error on the first line, where the column names are. */
function headerError(
  file: string,
  first: Row,
  message: string,
  hint?: string,
): { diagnostics: Diagnostic[] } {
  const span = fileSpan(file, first.line.start, first.line.end);
  return { diagnostics: [dataError(DataCodes.badRecord, message, span, hint)] };
}

/** A header row has identifier-like names and either a known column name or data rows after it that do not look like names. */
export function looksLikeHeader(rows: Row[]): boolean {
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
