/**
 * The layer table as data: the same columns and numbers as `seqlab inspect` (both come from
 * `analyzeModule`), as strings ready for cells. Kept apart from the DOM so it is tested.
 */
import { formatShape, type ModuleReport } from '@seqlab/ir';

/** Column alignment (numbers right-aligned, as in the CLI). */
export type Align = 'left' | 'right';

/** One column. */
export interface Column {
  readonly key: string;
  readonly label: string;
  readonly align: Align;
}

/** One row, a cell per column, plus what the row is about. */
export interface Row {
  readonly cells: readonly string[];
  /** Layer name (for highlighting the layer's call in the editor). */
  readonly layer: string;
  readonly span?: { readonly start: number; readonly end: number };
}

/** The whole table. */
export interface TableModel {
  readonly model: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  readonly footer: readonly string[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** 1234567 -> "1,234,567" (the CLI's format). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Build the table for a report. */
export function shapeTableModel(r: ModuleReport): TableModel {
  const showRf = r.layers.some((l) => typeof l.receptiveField === 'number' && l.receptiveField > 1);
  const showState = r.layers.some((l) => l.stateSize !== undefined);
  const columns: Column[] = [
    { key: 'layer', label: 'layer', align: 'left' },
    { key: 'op', label: 'op', align: 'left' },
    { key: 'shape', label: 'output shape', align: 'left' },
    { key: 'params', label: 'params', align: 'right' },
    { key: 'flops', label: 'flops/step', align: 'right' },
  ];
  if (showRf) columns.push({ key: 'rf', label: 'receptive field', align: 'right' });
  if (showState) columns.push({ key: 'state', label: 'state', align: 'right' });
  const rows = r.layers.map((l): Row => {
    const cells = [
      l.name,
      l.cell ? `scan ${l.cell}` : l.op,
      formatShape(l.outputShape),
      formatCount(l.params),
      formatCount(l.flopsPerStep),
    ];
    if (showRf) cells.push(l.receptiveField === undefined ? '' : String(l.receptiveField));
    if (showState) cells.push(l.stateSize === undefined ? '' : formatCount(l.stateSize));
    return {
      cells,
      layer: l.name,
      ...(l.span ? { span: { start: l.span.start, end: l.span.end } } : {}),
    };
  });
  const footer = ['total', '', '', formatCount(r.totalParams), formatCount(r.totalFlopsPerStep)];
  if (showRf) footer.push(r.receptiveField === undefined ? '' : String(r.receptiveField));
  if (showState) footer.push('');
  return {
    model: r.model,
    columns,
    rows,
    footer,
    inputs: r.inputs.map(
      (i) =>
        `${i.name}: ${formatShape(i.shape)} ${i.dtype === 'int32' ? `int < ${i.vocab ?? '?'}` : 'float'}`,
    ),
    outputs: r.outputs.map((o) => `${o.name}: ${formatShape(o.shape)}`),
  };
}
