/** Tabs over the right-hand panels. */
import type { PanelName } from '../state/playground-state.js';
import { h } from '../ui/dom.js';

/** Tab strip and panel host. */
export interface Tabs {
  readonly nav: HTMLElement;
  readonly host: HTMLElement;
  readonly current: () => PanelName;
  select(name: PanelName): void;
}

/** Create tabs for `panels` (label and element each); `onSelect` follows every change. */
export function tabs(
  panels: readonly { name: PanelName; label: string; el: HTMLElement }[],
  initial: PanelName,
  onSelect: (name: PanelName) => void,
): Tabs {
  let current = initial;
  const buttons = panels.map((p) =>
    h(
      'button',
      { role: 'tab', class: 'tab', 'data-tab': p.name, onclick: () => select(p.name) },
      p.label,
    ),
  );
  const nav = h('nav', { class: 'tabs', role: 'tablist' }, ...buttons);
  const host = h('div', { class: 'panels' }, ...panels.map((p) => p.el));
  function select(name: PanelName): void {
    current = name;
    panels.forEach((p, i) => {
      p.el.hidden = p.name !== name;
      buttons[i]?.setAttribute('aria-selected', String(p.name === name));
    });
    onSelect(name);
  }
  panels.forEach((p) => (p.el.hidden = p.name !== current));
  buttons.forEach((b, i) => b.setAttribute('aria-selected', String(panels[i]?.name === current)));
  return { nav, host, current: () => current, select };
}
