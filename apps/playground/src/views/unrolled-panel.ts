/**
 * The Unrolled panel: the recurrence over a chosen number of steps (layers as rows with
 * their widths, time left to right), the same figure as `seqlab graph --unroll N`; and for
 * conv stacks the receptive field over the input timeline.
 */
import { recurrentRows, unrolledSvg } from '@seqlab/diagrams';
import type { Compiled } from '../compile/compile-source.js';
import { h, showSvg } from '../ui/dom.js';
import { zoomableFigure } from './zoomable-figure.js';
import type { Panel } from './panel.js';
import { receptiveFieldSvg } from './receptive-field-figure.js';

/** Create the panel; `steps` is the initial step count, `onSteps` reports changes. */
export function unrolledPanel(steps: number, onSteps: (n: number) => void): Panel {
  const count = h('output', {}, String(steps));
  const slider = h('input', {
    type: 'range',
    min: 1,
    max: 8,
    value: steps,
    'aria-label': 'steps to unroll',
  });
  // The step slider shares the zoom buttons' row above the figure. A readable start shows
  // where the sequence begins: the first step's cell labels (x₁, h₁, …).
  const zoomable = zoomableFigure('unrolled', {
    tools: [h('label', {}, 'steps ', slider, ' ', count)],
    start: 'rect.cell[data-t="1"] ~ text',
  });
  const figure = zoomable.frame;
  const rfFigure = h('div', { class: 'figure rf', 'data-testid': 'receptive-field' });
  const rfBlock = h(
    'section',
    { class: 'rf-block', hidden: true },
    h('h3', {}, 'Receptive field over the input timeline'),
    rfFigure,
  );
  const el = h('div', { class: 'panel unrolled' }, zoomable.el, rfBlock);
  let current: Compiled | undefined;
  let drawnFor: Compiled | undefined;
  let drawnSteps = 0;
  const draw = (): void => {
    const m = current?.result.module;
    const n = Number(slider.value);
    if (!current || !m || (drawnFor === current && drawnSteps === n)) return;
    drawnFor = current;
    drawnSteps = n;
    figure.dataset['rows'] = String(recurrentRows(m).length);
    zoomable.show(unrolledSvg(m, n, { theme: 'light' }));
    const rf = receptiveFieldSvg(m);
    rfBlock.hidden = rf === undefined;
    if (rf) showSvg(rfFigure, rf);
  };
  slider.addEventListener('input', () => {
    count.textContent = slider.value;
    onSteps(Number(slider.value));
    draw();
  });
  return {
    el,
    update(compiled, visible) {
      // Keep the last good figure while the text has errors.
      if (compiled.result.module) current = compiled;
      figure.classList.toggle('stale', !compiled.result.module);
      if (visible) draw();
    },
  };
}
