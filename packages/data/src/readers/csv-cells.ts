/**
 * Split one CSV line into cells. Double-quoted cells may hold the delimiter and `""` for a
 * quote; a quoted cell never spans lines (sequence data has no use for that, and it keeps
 * line numbers exact). Returns undefined for an unterminated quote.
 */
export function splitCells(line: string, delimiter: string): string[] | undefined {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += line[i];
        i++;
      }
      const next = line.indexOf(delimiter, i);
      // Text between the closing quote and the delimiter is kept, as spreadsheets do.
      cell += next < 0 ? line.slice(i) : line.slice(i, next);
      cells.push(cell);
      if (next < 0) return cells;
      i = next + delimiter.length;
    } else {
      const next = line.indexOf(delimiter, i);
      if (next < 0) {
        cells.push(line.slice(i));
        return cells;
      }
      cells.push(line.slice(i, next));
      i = next + delimiter.length;
    }
  }
}

/** Separators tried, in order, when a file has no comma: tab, semicolon (spreadsheets in
 *  locales with a decimal comma), pipe. */
export const OTHER_DELIMITERS = ['\t', ';', '|'] as const;

/**
 * The separator of a CSV file written with one other than the comma, or undefined. Guessed
 * only when no line splits on commas: such a file has one column, the label, and so no input
 * at all, so the guess can only turn a file that fails into one that reads. The separator
 * must split every line into the same number (two or more) of cells.
 */
export function guessDelimiter(lines: readonly string[]): string | undefined {
  if (lines.some((l) => (splitCells(l, ',')?.length ?? 2) > 1)) return undefined;
  return OTHER_DELIMITERS.find((d) => {
    const counts = new Set(lines.map((l) => splitCells(l, d)?.length ?? 0));
    const [n] = [...counts];
    return counts.size === 1 && n !== undefined && n >= 2;
  });
}

/** How a separator is named in messages (a tab is invisible). */
export function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : `"${d}"`;
}
