/**
 * A figure you can zoom and pan instead of one shrunk to the panel (issue 16 §3, §4): the
 * diagram starts fitted, then drags pan it, pinch or Ctrl+wheel zooms it, and the −, + and
 * Fit buttons do the same for a mouse or a keyboard. @panzoom/panzoom does the gestures
 * (pointer, touch and wheel); each redraw gets a fresh instance on the new SVG.
 */
import Panzoom, { type PanzoomObject } from '@panzoom/panzoom';
import { h, showSvg } from '../ui/dom.js';

/** A figure host and how to draw into it. */
export interface ZoomableFigure {
  /** The element to place in the panel: buttons and the figure's frame. */
  readonly el: HTMLElement;
  /** Show `markup` (an SVG), fitted, replacing what was there. */
  show(markup: string): void;
  /** The frame the SVG lives in (for `stale` marks and tests). */
  readonly frame: HTMLElement;
}

/** How far the figure zooms in or out from the fitted size. */
const ZOOM = { minScale: 0.5, maxScale: 8, step: 0.3 } as const;

/** Create a zoomable figure; `testId` names the frame for the e2e tests. */
export function zoomableFigure(testId: string, extraClass = ''): ZoomableFigure {
  const frame = h('div', { class: `figure zoomable ${extraClass}`.trim(), 'data-testid': testId });
  let zoom: PanzoomObject | undefined;
  const button = (label: string, title: string, act: (z: PanzoomObject) => void) => {
    const b = h(
      'button',
      { type: 'button', class: 'zoom-button', title, 'aria-label': title },
      label,
    );
    b.addEventListener('click', () => zoom && act(zoom));
    return b;
  };
  const controls = h(
    'div',
    { class: 'zoom-controls' },
    button('−', 'zoom out', (z) => z.zoomOut()),
    button('+', 'zoom in', (z) => z.zoomIn()),
    button('Fit', 'fit the figure to the panel', (z) => z.reset()),
  );
  // Zoom with Ctrl+wheel (also what a trackpad pinch sends); a plain wheel scrolls the page.
  frame.addEventListener('wheel', (e) => {
    if (zoom && e.ctrlKey) zoom.zoomWithWheel(e);
  });
  return {
    el: h('div', { class: 'zoomable-figure' }, controls, frame),
    frame,
    show(markup) {
      zoom?.destroy();
      showSvg(frame, markup);
      const svg = frame.querySelector('svg');
      zoom = svg ? Panzoom(svg, { ...ZOOM, cursor: 'grab' }) : undefined;
    },
  };
}
