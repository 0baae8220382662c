/** The status bar: backend in use (and any fallback note), compile time, size, cursor. */
import { h } from '../ui/dom.js';

/** The bar's setters. */
export interface StatusBar {
  readonly el: HTMLElement;
  setBackend(name: string, note?: string): void;
  setCompile(text: string): void;
  setCursor(line: number, col: number): void;
}

/** Create the bar. */
export function statusBar(): StatusBar {
  const backend = h('span', { 'data-testid': 'backend', class: 'backend' }, 'starting…');
  const note = h('span', { class: 'note', hidden: true });
  const compile = h('span', { 'data-testid': 'compile-status' });
  const cursor = h('span', { class: 'cursor' });
  const el = h(
    'footer',
    { class: 'statusbar' },
    h('span', { class: 'backend-wrap' }, 'tfjs backend: ', backend),
    note,
    h('span', { class: 'spacer' }),
    compile,
    cursor,
  );
  return {
    el,
    setBackend(name, why) {
      backend.textContent = name;
      backend.className = `backend ${name === 'webgl' ? 'good' : 'fallback'}`;
      note.hidden = !why;
      note.textContent = why ? `⚠ ${why}` : '';
    },
    setCompile(text) {
      compile.textContent = text;
    },
    setCursor(line, col) {
      cursor.textContent = `Ln ${line}, Col ${col}`;
    },
  };
}
