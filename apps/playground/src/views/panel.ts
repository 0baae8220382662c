/** The contract every right-hand panel follows. */
import type { Compiled } from '../compile/compile-source.js';

/** A panel: its element, and a refresh after each compile (only while it is visible). */
export interface Panel {
  readonly el: HTMLElement;
  /** Redraw for a new compile. `visible` is false while another tab is shown. */
  update(compiled: Compiled, visible: boolean): void;
}
