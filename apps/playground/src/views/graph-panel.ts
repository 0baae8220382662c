/** The Graph panel: the dataflow diagram, the same SVG as `seqlab graph`. */
import { toSvg } from '@seqlab/diagrams';
import type { Compiled } from '../compile/compile-source.js';
import { h } from '../ui/dom.js';
import { zoomableFigure } from './zoomable-figure.js';
import type { Panel } from './panel.js';

/** Create the panel. The SVG is laid out (dagre) only while the panel is visible. */
export function graphPanel(): Panel {
  const zoomable = zoomableFigure('graph');
  const figure = zoomable.frame;
  const el = h('div', { class: 'panel graph' }, zoomable.el);
  let drawn: Compiled | undefined;
  return {
    el,
    update(compiled, visible) {
      if (!visible || compiled === drawn) return;
      drawn = compiled;
      const m = compiled.result.module;
      figure.classList.toggle('stale', !m);
      // Keep the last good picture while the text has errors: it is still informative.
      if (m) zoomable.show(toSvg(m, { theme: 'light' }));
    },
  };
}
