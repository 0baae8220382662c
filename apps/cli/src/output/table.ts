/** Plain aligned text tables (golden-file friendly: no box-drawing, no trailing spaces). */

/** Column alignment. */
export type Align = 'left' | 'right';

/** Render `rows` under `header`, columns separated by two spaces, with a rule below the header. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
  footer?: readonly string[],
): string {
  const all = footer ? [header, ...rows, footer] : [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        return align[i] === 'right' ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(header), rule, ...rows.map(line)];
  if (footer) out.push(rule, line(footer));
  return out.join('\n');
}

/** 1234567 -> "1,234,567". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
