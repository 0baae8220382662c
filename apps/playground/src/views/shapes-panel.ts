/** The Shapes panel: inputs, the layer table (as `seqlab inspect`), outputs. */
import type { Compiled } from '../compile/compile-source.js';
import { h, replaceChildren } from '../ui/dom.js';
import type { Panel } from './panel.js';
import { shapeTableModel } from './shape-table-model.js';

/** Create the panel; `reveal` selects a layer's call in the editor. */
export function shapesPanel(reveal: (from: number, to: number) => void): Panel {
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
        // Keep the last good table, faded, so the shapes stay in view while fixing a typo.
        const table = body.querySelector('table');
        table?.classList.add('stale');
        note.hidden = false;
        if (!table) {
          replaceChildren(
            body,
            h('table', { 'data-testid': 'shape-table', class: 'shape-table stale' }),
          );
        }
        return;
      }
      note.hidden = true;
      const t = shapeTableModel(compiled.report);
      const head = h(
        'tr',
        {},
        ...t.columns.map((c) => h('th', { class: c.align === 'right' ? 'num' : '' }, c.label)),
      );
      const rows = t.rows.map((r) =>
        h(
          'tr',
          {
            'data-layer': r.layer,
            title: 'show in the editor',
            onclick: () => r.span && reveal(r.span.start, r.span.end),
          },
          ...r.cells.map((cell, i) =>
            h(
              'td',
              { class: t.columns[i]?.align === 'right' ? 'num' : i === 2 ? 'shape' : '' },
              cell,
            ),
          ),
        ),
      );
      const foot = h(
        'tr',
        {},
        ...t.footer.map((cell, i) =>
          h('td', { class: t.columns[i]?.align === 'right' ? 'num' : '' }, cell),
        ),
      );
      replaceChildren(
        body,
        h('div', { class: 'io' }, h('h3', {}, 'inputs'), ...t.inputs.map((s) => h('code', {}, s))),
        h(
          'table',
          {
            'data-testid': 'shape-table',
            class: 'shape-table',
            'data-total-params': compiled.report.totalParams,
          },
          h('thead', {}, head),
          h('tbody', {}, ...rows),
          h('tfoot', {}, foot),
        ),
        h(
          'div',
          { class: 'io' },
          h('h3', {}, 'outputs'),
          ...t.outputs.map((s) => h('code', {}, s)),
        ),
      );
    },
  };
}
