/** The list of current diagnostics under the editor, `line:col severity CODE: message`. */
import type { DiagnosticItem } from '../editor/diagnostic-items.js';
import { h, replaceChildren } from '../ui/dom.js';

/** The list, with an update per compile. */
export interface ProblemsList {
  readonly el: HTMLElement;
  update(items: readonly DiagnosticItem[]): void;
}

/** Create the list; clicking an item reveals it in the editor. */
export function problemsList(reveal: (from: number, to: number) => void): ProblemsList {
  const count = h('span', { class: 'count' });
  const ok = h('span', { class: 'ok' }, '✓ no problems');
  const list = h('ul', { 'data-testid': 'diagnostics', class: 'problems' });
  const el = h(
    'section',
    { class: 'problems-pane' },
    h('div', { class: 'problems-head' }, 'Problems ', count, ok),
    list,
  );
  return {
    el,
    update(items) {
      count.textContent = items.length ? String(items.length) : '';
      ok.hidden = items.length > 0;
      list.dataset['count'] = String(items.length);
      replaceChildren(
        list,
        ...items.map((d) =>
          h(
            'li',
            { class: d.severity, onclick: () => reveal(d.from, d.to), title: d.hint ?? '' },
            d.text,
          ),
        ),
      );
    },
  };
}
