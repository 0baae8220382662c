/**
 * A figure you can zoom and pan instead of one shrunk to the panel (issue 16 §3, §4): the
 * diagram starts fitted, then drags pan it, pinch or Ctrl+wheel zooms it, and the −, + and
 * Fit buttons do the same for a mouse or a keyboard. They sit in a toolbar row above the
 * figure, so they never cover its title or a label. @panzoom/panzoom does the gestures
 * (pointer, touch and wheel); each redraw gets a fresh instance on the new SVG.
 */
import Panzoom, { type PanzoomObject } from '@panzoom/panzoom';
import { h, showSvg, type Child } from '../ui/dom.js';

/** A figure host and how to draw into it. */
export interface ZoomableFigure {
  /** The element to place in the panel: the toolbar row and the figure's frame. */
  readonly el: HTMLElement;
  /** Show `markup` (an SVG), fitted, replacing what was there. */
  show(markup: string): void;
  /** The frame the SVG lives in (for `stale` marks and tests). */
  readonly frame: HTMLElement;
}

/** Options of {@link zoomableFigure}. */
export interface ZoomableOptions {
  /** The panel's own controls (the unrolled figure's step slider), first in the toolbar row. */
  readonly tools?: readonly Child[];
}

/** How far the figure zooms in or out from the fitted size. */
const ZOOM = { minScale: 0.5, maxScale: 8, step: 0.3 } as const;

/** The toolbar's −, + and Fit buttons. */
function zoomButtons(zoomBy: (dir: 1 | -1) => void, fit: () => void): HTMLElement {
  const button = (label: string, title: string, act: () => void) => {
    const b = h(
      'button',
      { type: 'button', class: 'zoom-button', title, 'aria-label': title },
      label,
    );
    b.addEventListener('click', act);
    return b;
  };
  return h(
    'div',
    { class: 'zoom-controls' },
    button('−', 'zoom out', () => zoomBy(-1)),
    button('+', 'zoom in', () => zoomBy(1)),
    button('Fit', 'fit the figure to the panel', fit),
  );
}

/** Create a zoomable figure; `testId` names the frame for the e2e tests. */
export function zoomableFigure(testId: string, opts: ZoomableOptions = {}): ZoomableFigure {
  const frame = h('div', { class: 'figure zoomable', 'data-testid': testId });
  let zoom: PanzoomObject | undefined;
  const zoomBy = (dir: 1 | -1): void => {
    if (dir > 0) zoom?.zoomIn();
    else zoom?.zoomOut();
  };
  const fit = (): void => void zoom?.reset();
  // Zoom with Ctrl+wheel (also what a trackpad pinch sends); a plain wheel scrolls the page.
  frame.addEventListener('wheel', (e) => {
    if (zoom && e.ctrlKey) zoom.zoomWithWheel(e);
  });
  const toolbar = h(
    'div',
    { class: 'toolbar figure-toolbar' },
    ...(opts.tools ?? []),
    zoomButtons(zoomBy, fit),
  );
  return {
    el: h('div', { class: 'zoomable-figure' }, toolbar, frame),
    frame,
    show(markup) {
      zoom?.destroy();
      showSvg(frame, markup);
      const svg = frame.querySelector('svg');
      zoom = svg ? Panzoom(svg, { ...ZOOM, cursor: 'grab' }) : undefined;
    },
  };
}
