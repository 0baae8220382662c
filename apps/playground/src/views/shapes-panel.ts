/** The Shapes panel: inputs, the layer table (as `seqlab inspect`), outputs. */
import type { ModuleReport } from '@seqlab/ir';
import type { Compiled } from '../compile/compile-source.js';
import { h, replaceChildren } from '../ui/dom.js';
import type { Panel } from './panel.js';
import { shapeTableModel, type TableModel } from './shape-table-model.js';

/** Where a layer's call is in the editor, selected when its row is clicked. */
type Reveal = (from: number, to: number) => void;

/** Create the panel; `reveal` selects a layer's call in the editor. */
export function shapesPanel(reveal: Reveal): Panel {
  const body = h('div', { class: 'panel-body' });
  const note = h(
    'p',
    { class: 'stale-note', hidden: true },
    'The model has errors: showing the last version that compiled.',
  );
  const el = h('div', { class: 'panel shapes' }, note, body);
  let last: Compiled | undefined;
  return {
    el,
    update(compiled) {
      // The table is cheap: keep it current even when hidden, so tests and tabs agree.
      if (compiled === last) return;
      last = compiled;
      if (!compiled.report) {
        showStale(body, note);
        return;
      }
      note.hidden = true;
      replaceChildren(body, ...shapeSections(compiled.report, reveal));
    },
  };
}

/**
 * The model no longer compiles: keep the last good table, faded, so the shapes stay in view
 * while fixing a typo (an empty one if there was none).
 */
function showStale(body: HTMLElement, note: HTMLElement): void {
  const table = body.querySelector('table');
  table?.classList.add('stale');
  note.hidden = false;
  if (!table) {
    replaceChildren(body, h('table', { 'data-testid': 'shape-table', class: 'shape-table stale' }));
  }
}

/** The inputs, the layer table and the outputs of `report`. */
function shapeSections(report: ModuleReport, reveal: Reveal): HTMLElement[] {
  const t = shapeTableModel(report);
  return [
    h('div', { class: 'io' }, h('h3', {}, 'inputs'), ...t.inputs.map((s) => h('code', {}, s))),
    h(
      'table',
      {
        'data-testid': 'shape-table',
        class: 'shape-table',
        'data-total-params': report.totalParams,
      },
      h('thead', {}, headRow(t)),
      h('tbody', {}, ...t.rows.map((r) => layerRow(t, r, reveal))),
      h('tfoot', {}, footRow(t)),
    ),
    h('div', { class: 'io' }, h('h3', {}, 'outputs'), ...t.outputs.map((s) => h('code', {}, s))),
  ];
}

/** The class of a cell in column `i`: numbers right-aligned. */
function alignClass(t: TableModel, i: number): string {
  return t.columns[i]?.align === 'right' ? 'num' : '';
}

/** The column headings. */
function headRow(t: TableModel): HTMLTableRowElement {
  return h(
    'tr',
    {},
    ...t.columns.map((c) => h('th', { class: c.align === 'right' ? 'num' : '' }, c.label)),
  );
}

/** One layer's row; clicking it shows the layer's call in the editor. */
function layerRow(t: TableModel, r: TableModel['rows'][number], reveal: Reveal): HTMLElement {
  return h(
    'tr',
    {
      'data-layer': r.layer,
      title: 'show in the editor',
      onclick: () => r.span && reveal(r.span.start, r.span.end),
    },
    // Column 2 holds the shape, set in its own style.
    ...r.cells.map((cell, i) =>
      h('td', { class: alignClass(t, i) || (i === 2 ? 'shape' : '') }, cell),
    ),
  );
}

/** The totals row. */
function footRow(t: TableModel): HTMLTableRowElement {
  return h('tr', {}, ...t.footer.map((cell, i) => h('td', { class: alignClass(t, i) }, cell)));
}
