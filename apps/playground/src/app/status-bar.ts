/** The status bar: backend in use (and any fallback note), compile time, size, cursor. */
import { h } from '../ui/dom.js';

/**
 * The backends that train on the GPU. Kept here rather than imported from
 * @seqlab/backend-webgl, whose index would pull tfjs into the page's bundle (tfjs runs in
 * the worker only).
 */
const GPU_BACKENDS: ReadonlySet<string> = new Set(['webgpu', 'webgl']);

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
  const note = h('span', { class: 'note', 'data-testid': 'backend-note', hidden: true });
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
      const gpu = GPU_BACKENDS.has(name);
      backend.textContent = name;
      backend.className = `backend ${gpu ? 'good' : 'fallback'}`;
      note.hidden = !why;
      // Falling back from webgpu to webgl still trains on the GPU: information, not a warning.
      note.className = `note ${gpu ? 'info' : 'warn'}`;
      note.textContent = why ? `${gpu ? 'ℹ' : '⚠'} ${why}` : '';
    },
    setCompile(text) {
      compile.textContent = text;
    },
    setCursor(line, col) {
      cursor.textContent = `Ln ${line}, Col ${col}`;
    },
  };
}
