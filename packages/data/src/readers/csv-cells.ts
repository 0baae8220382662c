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
