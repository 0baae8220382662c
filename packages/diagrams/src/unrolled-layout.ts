/**
 * Geometry of the unrolled figure: rows bottom to top (input, recurrent layers, output),
 * columns t = 1..N left to right, h_0 on the left of each recurrent row. Cell widths grow
 * with sqrt(width) so a 4 → 8 → 16 → 32 stack visibly widens; the renderer only draws.
 */
import { formatMatrix } from './format.js';
import { mathWidth } from './math-text.js';
import type { RecurrentRow } from './recurrent-rows.js';
import type { Point } from './svg-parts.js';
import { textWidth } from './text-width.js';

/** One cell: x_t, h_t^(k) or y_t at row `row`, step `t` (1-based). Centre and size. */
export interface CellBox {
  readonly row: number;
  readonly t: number;
  readonly kind: 'input' | 'cell' | 'output';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** The label at this step: `x_3`, `h_3^(1)`, `y_3` (or `y` for a per-sequence output). */
  readonly label: string;
  readonly sub: string;
  readonly split: boolean;
  /** What a hover shows: the cell's equation and shape, as plain text. */
  readonly hover: string;
}

/** A row's label at step `t`: `h_t^(2)` at t = 3 is `h_3^(2)`. */
export function labelAt(label: string, t: number): string {
  return label.replace('_t', `_${t}`);
}

/**
 * The tooltip of an input cell: the port by name with its own type at one step, then the
 * layers that turn it into x_t and x_t's shape. Naming the port next to x_t's width alone
 * read as if the port had that width (`name` is token ids, x_t its 32-wide embedding).
 */
function inputHover(r: RecurrentRow, here: string, t: number): string {
  const shape = `[B, ${r.width}]`;
  const port = `${r.layer} at step ${t}`;
  if (!r.via) return `${here}: ${port}, ${r.stepType ?? shape}`;
  return `${here}: ${port}${r.stepType ? ` (${r.stepType})` : ''} → ${r.via} → ${shape}`;
}

/** The tooltip of a cell: its equation in the figure's math notation, its shape, its weights. */
function cellHover(rows: readonly RecurrentRow[], r: RecurrentRow, t: number): string {
  const shape = `[B, ${r.width}]`;
  const here = r.reads === 'each' ? labelAt(r.label, t) : r.label;
  const below = rows[r.from];
  const input = below ? labelAt(below.label, t) : '';
  if (r.kind === 'input') return inputHover(r, here, t);
  if (r.kind === 'output') {
    return `${here} = ${r.via || 'identity'}(${input}), ${shape}`;
  }
  const prev = t > 1 ? labelAt(r.label, t - 1) : r.label.replace('_t', '_0');
  const weights = r.wxh && r.whh ? `; W_xh [${r.wxh.join('×')}], W_hh [${r.whh.join('×')}]` : '';
  return `${here} = ${r.note}(${input}, ${prev}), ${shape}${weights}`;
}

/** A label next to an arrow: a math name, then an optional monospace shape. */
export interface ArrowLabel {
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly math: string;
  readonly shape?: string;
  readonly muted: boolean;
}

/** An arrow; `kind` is what the tests count. */
export interface Arrow {
  readonly kind: 'vertical' | 'horizontal' | 'horizontal-reverse' | 'output';
  readonly row: number;
  readonly t: number;
  readonly d: string;
  readonly dashed: boolean;
  readonly labels: readonly ArrowLabel[];
}

/** The initial state box of a row (h_0). */
export interface InitBox {
  readonly row: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly value: string;
}

/** Text on the left naming a row. */
export interface RowLabel {
  readonly x: number;
  readonly y: number;
  readonly title: string;
  readonly note: string;
  readonly kind: RecurrentRow['kind'];
}

/** Everything the renderer draws, in absolute coordinates. */
export interface UnrolledLayout {
  readonly width: number;
  readonly height: number;
  readonly cells: readonly CellBox[];
  readonly arrows: readonly Arrow[];
  readonly inits: readonly InitBox[];
  readonly rowLabels: readonly RowLabel[];
  readonly columnLabels: readonly {
    readonly x: number;
    readonly y: number;
    readonly text: string;
  }[];
  readonly captionY: number;
}

/** Layout constants shared with the renderer. */
export const U = {
  margin: 24,
  header: 64,
  cellH: 46,
  rowGap: 58,
  labelSize: 11.5,
  rowTitleSize: 13,
  rowNoteSize: 11,
  footer: 58,
} as const;

/** Cell width for a row `width` features wide: grows with sqrt so widths stay readable. */
export function cellWidth(width: number): number {
  return Math.round(Math.min(200, Math.max(50, 26 + 12 * Math.sqrt(Math.max(1, width)))));
}

function sub(row: RecurrentRow): string {
  if (row.width === 0) return '?';
  return row.direction === 'both' ? `2×${row.hidden}` : String(row.width);
}

function labelWidth(l: { math: string; shape?: string }): number {
  const shape = l.shape === undefined ? 0 : 5 + textWidth(l.shape, U.labelSize, 'mono');
  return mathWidth(l.math, U.labelSize) + shape;
}

function wxhLabel(row: RecurrentRow): { math: string; shape?: string } {
  const math = `W_xh^(${row.level})`;
  return row.wxh ? { math, shape: formatMatrix(row.wxh) } : { math };
}

function whhLabel(row: RecurrentRow): { math: string; shape?: string } {
  const math = `W_hh^(${row.level})`;
  return row.whh ? { math, shape: formatMatrix(row.whh) } : { math };
}

function initText(row: RecurrentRow): string {
  const v = row.initial ?? '0';
  return v.startsWith('from ') ? v.slice(5) : v;
}

function curve(a: Point, b: Point, bow: number): string {
  const my = (a.y + b.y) / 2;
  if (bow === 0) return `M${a.x},${a.y} C${a.x},${my} ${b.x},${my} ${b.x},${b.y}`;
  return `M${a.x},${a.y} C${a.x - bow},${a.y - 24} ${b.x - bow},${b.y + 24} ${b.x},${b.y}`;
}

/** Column and row positions: what the cell and arrow builders share. */
interface Grid {
  readonly steps: number;
  /** Cell width per row. */
  readonly widths: readonly number[];
  readonly maxCell: number;
  /** Left edge of the left h_0 boxes. */
  readonly initX: number;
  readonly initW: number;
  /** Left edge of the right h_0 boxes (backward passes). */
  readonly rightInitX: number;
  readonly contentRight: number;
  readonly bottomOfRows: number;
  /** Centre x of column `t`. */
  readonly colX: (t: number) => number;
  /** Centre y of row `i`. */
  readonly rowY: (i: number) => number;
}

/** Lay out `rows` (bottom to top) over `steps` columns. */
export function layoutUnrolled(rows: readonly RecurrentRow[], steps: number): UnrolledLayout {
  const grid = measureGrid(rows, steps);
  const { cells, cellAt } = placeCells(rows, grid);
  const recurrence = recurrenceArrows(rows, grid);
  const { colX, rowY, bottomOfRows } = grid;

  const rowLabels: RowLabel[] = rows.map((r, i) => ({
    x: U.margin,
    y: rowY(i),
    title: r.kind === 'recurrent' ? r.layer : r.kind,
    note: r.note,
    kind: r.kind,
  }));
  const columnLabels = Array.from({ length: steps }, (_, k) => ({
    x: colX(k + 1),
    y: bottomOfRows + 20,
    text: `t = ${k + 1}`,
  }));

  return {
    width: grid.contentRight + U.margin,
    height: bottomOfRows + U.footer + U.margin,
    cells,
    arrows: [...feedArrows(rows, cells, cellAt, grid), ...recurrence.arrows],
    inits: recurrence.inits,
    rowLabels,
    columnLabels,
    captionY: bottomOfRows + 46,
  };
}

/** Column pitch, h_0 boxes and the row-name gutter, sized to the labels they must hold. */
function measureGrid(rows: readonly RecurrentRow[], steps: number): Grid {
  const n = rows.length;
  const recurrent = rows.filter((r) => r.kind === 'recurrent');
  const widths = rows.map((r) => cellWidth(r.width));
  const maxCell = Math.max(...widths);
  const { pitch, maxV } = columnPitch(rows, maxCell);

  const inits = recurrent.map((r) => Math.max(40, textWidth(initText(r), 10) + 14));
  const initW = Math.max(40, ...inits);
  const gap0 = Math.ceil(Math.max(52, ...recurrent.map((r) => labelWidth(whhLabel(r)) + 18)));
  const hasRight = recurrent.some((r) => r.direction !== 'forward');

  const initX = U.margin + gutterWidth(rows); // left edge of the h_0 boxes
  const colStart = initX + initW + gap0;
  const colX = (t: number): number => colStart + (t - 1) * pitch + maxCell / 2;
  const lastRight = colX(steps) + maxCell / 2;
  const rightInitX = lastRight + gap0;
  const contentRight = Math.max(hasRight ? rightInitX + initW : lastRight, colX(1) + 8 + maxV);
  const top = U.margin + U.header;
  const rowY = (i: number): number => top + (n - 1 - i) * (U.cellH + U.rowGap) + U.cellH / 2;
  const bottomOfRows = rowY(0) + U.cellH / 2;
  return {
    steps,
    widths,
    maxCell,
    initX,
    initW,
    rightInitX,
    contentRight,
    bottomOfRows,
    colX,
    rowY,
  };
}

/**
 * Column pitch: room for the widest cell plus the short W_hh labels between steps, and
 * for the W_xh labels written to the right of the first column's vertical arrows (`maxV`,
 * the widest of those).
 */
function columnPitch(
  rows: readonly RecurrentRow[],
  maxCell: number,
): { pitch: number; maxV: number } {
  const recurrent = rows.filter((r) => r.kind === 'recurrent');
  const shortH = Math.max(
    0,
    ...recurrent.map((r) => mathWidth(`W_hh^(${r.level})`, U.labelSize - 1)),
  );
  const vLabels = rows
    .slice(1)
    .map((r) => (r.kind === 'recurrent' ? labelWidth(wxhLabel(r)) : textWidth(r.via, U.labelSize)));
  const viaLabels = rows.map((r) =>
    r.kind === 'recurrent' && r.via ? textWidth(`via ${r.via}`, U.labelSize - 1) : 0,
  );
  const maxV = Math.max(0, ...vLabels, ...viaLabels);
  const pitch = Math.ceil(Math.max(maxCell + Math.max(40, shortH + 16), maxV + 16));
  return { pitch, maxV };
}

/** Width of the left gutter that holds each row's title and note. */
function gutterWidth(rows: readonly RecurrentRow[]): number {
  return Math.ceil(
    Math.max(
      ...rows.map((r) =>
        Math.max(
          textWidth(r.kind === 'recurrent' ? r.layer : r.kind, U.rowTitleSize, 'sans', true),
          textWidth(r.note, U.rowNoteSize),
        ),
      ),
    ) + 20,
  );
}

const cellKey = (row: number, t: number): string => `${row}:${t}`;

/** The cells of every row at the steps it reads, and an index of them by row and step. */
function placeCells(
  rows: readonly RecurrentRow[],
  { steps, widths, maxCell, colX, rowY }: Grid,
): { cells: CellBox[]; cellAt: Map<string, CellBox> } {
  const cells: CellBox[] = [];
  const cellAt = new Map<string, CellBox>();
  rows.forEach((r, i) => {
    const w = widths[i] ?? maxCell;
    const kind = r.kind === 'recurrent' ? 'cell' : r.kind;
    const ts =
      r.reads === 'each'
        ? Array.from({ length: steps }, (_, k) => k + 1)
        : [r.reads === 'first' ? 1 : steps];
    for (const t of ts) {
      const x = r.reads === 'all' ? (colX(1) + colX(steps)) / 2 : colX(t);
      const cell: CellBox = {
        row: i,
        t,
        kind,
        x,
        y: rowY(i),
        w,
        h: U.cellH,
        label: r.reads === 'each' ? labelAt(r.label, t) : r.label,
        sub: sub(r),
        split: r.direction === 'both',
        hover: cellHover(rows, r, t),
      };
      cells.push(cell);
      cellAt.set(cellKey(i, t), cell);
    }
  });
  return { cells, cellAt };
}

/** Vertical arrows (and output arrows) from the feeding row to each cell. */
function feedArrows(
  rows: readonly RecurrentRow[],
  cells: readonly CellBox[],
  cellAt: ReadonlyMap<string, CellBox>,
  { steps, maxCell }: Grid,
): Arrow[] {
  const arrows: Arrow[] = [];
  rows.forEach((r, i) => {
    if (r.from < 0) return;
    const src = rows[r.from];
    if (!src) return;
    const adjacent = r.from === i - 1;
    const bow = adjacent ? 0 : maxCell / 2 + 16;
    const kind = r.kind === 'output' ? 'output' : 'vertical';
    for (const cell of cells.filter((c) => c.row === i)) {
      const sources =
        r.reads === 'all'
          ? cells.filter((c) => c.row === r.from)
          : [cellAt.get(cellKey(r.from, cell.t))];
      sources.forEach((s, k) => {
        if (!s) return;
        const spread =
          r.reads === 'all'
            ? (k - (sources.length - 1) / 2) * Math.min(10, cell.w / (sources.length + 1))
            : 0;
        const a = { x: s.x, y: s.y - s.h / 2 };
        const b = { x: cell.x + spread, y: cell.y + cell.h / 2 };
        const straight = a.x === b.x && bow === 0;
        const first = r.reads === 'all' ? k === 0 : cell.t === (r.reads === 'each' ? 1 : cell.t);
        arrows.push({
          kind,
          row: i,
          t: cell.t,
          d: straight ? `M${a.x},${a.y} L${b.x},${b.y}` : curve(a, b, bow),
          dashed: false,
          labels: first ? feedLabels(r, a.x, b.y, steps) : [],
        });
      });
    }
  });
  return arrows;
}

/** The labels of a row's first feeding arrow (from x `ax`, ending at y `by`): W_xh, `via`. */
function feedLabels(r: RecurrentRow, ax: number, by: number, steps: number): ArrowLabel[] {
  const labels: ArrowLabel[] = [];
  const midY = by + U.rowGap / 2;
  // Labels go right of the first arrow; for a single output fed by the last step
  // or by every step, left of it, where no other arrow runs.
  const rightOfArrow = r.reads === 'each' || r.reads === 'first' || steps === 1;
  const lx = rightOfArrow ? ax + 8 : ax - 8;
  const anchor = rightOfArrow ? 'start' : 'end';
  if (r.kind === 'recurrent') {
    const l = wxhLabel(r);
    const y = r.via ? midY - 2 : midY + 4;
    labels.push({
      x: lx,
      y,
      anchor,
      math: l.math,
      ...(l.shape ? { shape: l.shape } : {}),
      muted: false,
    });
    if (r.via) labels.push({ x: lx, y: midY + 12, anchor, math: `via ${r.via}`, muted: true });
  } else if (r.via) {
    labels.push({ x: lx, y: midY + 4, anchor, math: r.via, muted: false });
  }
  return labels;
}

/** Horizontal arrows h_{t-1} -> h_t, starting from h_0 (on the right for a backward pass). */
function recurrenceArrows(
  rows: readonly RecurrentRow[],
  grid: Grid,
): { arrows: Arrow[]; inits: InitBox[] } {
  const out = { arrows: [] as Arrow[], inits: [] as InitBox[] };
  rows.forEach((r, i) => {
    if (r.kind !== 'recurrent') return;
    if (r.direction !== 'backward') forwardChain(r, i, grid, out);
    if (r.direction !== 'forward') backwardChain(r, i, grid, out);
  });
  return out;
}

/** The W_hh label of a row's first horizontal arrow, centred above it. */
function fullWhhLabel(r: RecurrentRow, x: number, y: number): ArrowLabel {
  const full = whhLabel(r);
  return {
    x,
    y,
    anchor: 'middle',
    math: full.math,
    ...(full.shape ? { shape: full.shape } : {}),
    muted: false,
  };
}

/** The left h_0 box and arrows left to right; only the first names W_hh in full. */
function forwardChain(
  r: RecurrentRow,
  i: number,
  { steps, widths, maxCell, initX, initW, colX, rowY }: Grid,
  out: { arrows: Arrow[]; inits: InitBox[] },
): void {
  const w = widths[i] ?? maxCell;
  const y = rowY(i);
  const fwdY = r.direction === 'both' ? y - 8 : y;
  const short = `W_hh^(${r.level})`;
  out.inits.push({
    row: i,
    x: initX + initW / 2,
    y,
    w: initW,
    h: U.cellH - 10,
    value: initText(r),
  });
  for (let t = 1; t <= steps; t++) {
    const x0 = t === 1 ? initX + initW : colX(t - 1) + w / 2;
    const x1 = colX(t) - w / 2;
    const label: ArrowLabel =
      t === 1
        ? fullWhhLabel(r, (x0 + x1) / 2, fwdY - 6)
        : { x: (x0 + x1) / 2, y: fwdY - 6, anchor: 'middle', math: short, muted: true };
    out.arrows.push({
      kind: 'horizontal',
      row: i,
      t,
      d: `M${x0},${fwdY} L${x1},${fwdY}`,
      dashed: false,
      labels: [label],
    });
  }
}

/**
 * The right h_0 box and arrows right to left; beside a forward pass (`both`) they are
 * dashed, below it, and unlabelled.
 */
function backwardChain(
  r: RecurrentRow,
  i: number,
  { steps, widths, maxCell, initW, rightInitX, colX, rowY }: Grid,
  out: { arrows: Arrow[]; inits: InitBox[] },
): void {
  const w = widths[i] ?? maxCell;
  const y = rowY(i);
  const both = r.direction === 'both';
  const revY = both ? y + 8 : y;
  out.inits.push({
    row: i,
    x: rightInitX + initW / 2,
    y,
    w: initW,
    h: U.cellH - 10,
    value: initText(r),
  });
  const kind = both ? 'horizontal-reverse' : 'horizontal';
  for (let t = steps; t >= 1; t--) {
    const x0 = t === steps ? rightInitX : colX(t + 1) - w / 2;
    const x1 = colX(t) + w / 2;
    const labels: ArrowLabel[] =
      !both && t === steps ? [fullWhhLabel(r, (x0 + x1) / 2, revY - 6)] : [];
    out.arrows.push({ kind, row: i, t, d: `M${x0},${revY} L${x1},${revY}`, dashed: both, labels });
  }
}
