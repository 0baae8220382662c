/**
 * A figure you can zoom and pan instead of one shrunk to the panel (issue 16 §3, §4). The
 * diagram starts fitted to the panel unless that shrinks its text below a readable size (a
 * wide figure on a phone): then it starts at the readable size, showing its top-left corner
 * (title, row names, the first steps), and drags pan to the rest. Pinch or Ctrl+wheel zooms;
 * the −, + and Fit buttons do the same for a mouse or a keyboard. They sit in a toolbar row
 * above the figure, so they never cover its title or a label. @panzoom/panzoom does the
 * gestures (pointer, touch and wheel); each redraw gets a fresh instance on the new SVG.
 */
import Panzoom, { type PanzoomObject } from '@panzoom/panzoom';
import { h, showSvg, type Child } from '../ui/dom.js';
import { readableScale } from './readable-scale.js';

/** A figure host and how to draw into it. */
export interface ZoomableFigure {
  /** The element to place in the panel: the toolbar row, the figure's frame, a hint. */
  readonly el: HTMLElement;
  /** Show `markup` (an SVG), fitted or at its readable size, replacing what was there. */
  show(markup: string): void;
  /** The frame the SVG lives in (for `stale` marks and tests). */
  readonly frame: HTMLElement;
}

/** Options of {@link zoomableFigure}. */
export interface ZoomableOptions {
  /** The panel's own controls (the unrolled figure's step slider), first in the toolbar row. */
  readonly tools?: readonly Child[];
}

/** How far the figure zooms in or out from where it starts. */
const ZOOM = { minScale: 0.5, maxScale: 8, step: 0.3 } as const;

/**
 * Size `svg` `k` times its fitted width (1: fitted, the stylesheet's max-width and height).
 * A layout size rather than a Panzoom scale: the frame grows to the figure's height, the
 * browser draws the text crisp at that size, and the buttons zoom from there.
 */
function sizeSvg(frame: HTMLElement, svg: SVGSVGElement, fittedWidth: number, k: number): void {
  const readable = k > 1;
  frame.classList.toggle('readable', readable);
  svg.style.width = readable ? `${fittedWidth * k}px` : '';
  svg.style.maxWidth = readable ? 'none' : '';
  svg.style.maxHeight = readable ? 'none' : '';
}

/**
 * The font size (CSS px) of every text in `svg` as drawn now: its own size, in the figure's
 * units, times the figure's drawn width per unit. Font sizes rather than measured glyph
 * boxes: Chromium rounds those to whole pixels of the size drawn.
 */
function fontSizes(svg: SVGSVGElement): number[] {
  const units = svg.viewBox.baseVal.width || svg.width.baseVal.value;
  const perUnit = units > 0 ? svg.getBoundingClientRect().width / units : 0;
  return Array.from(
    svg.querySelectorAll('text'),
    (t) => parseFloat(getComputedStyle(t).fontSize) * perUnit,
  );
}

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
  const hint = h(
    'p',
    { class: 'hint', hidden: true },
    'Drag to pan the figure; Fit shows all of it.',
  );
  let zoom: PanzoomObject | undefined;
  let svg: SVGSVGElement | null = null;
  let fittedWidth = 0;
  // Fit holds for the next drawing of this figure too (another step count) until a zoom.
  let keepFitted = false;
  const setSize = (k: number): void => {
    if (svg) sizeSvg(frame, svg, fittedWidth, k);
    hint.hidden = k <= 1;
  };
  const zoomBy = (dir: 1 | -1): void => {
    if (!zoom) return;
    keepFitted = false;
    // About the middle of what is in view: the figure's own centre may be off screen.
    const r = frame.getBoundingClientRect();
    const point = { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
    zoom.zoomToPoint(zoom.getScale() * Math.exp(dir * ZOOM.step), point);
  };
  const fit = (): void => {
    keepFitted = true;
    setSize(1);
    zoom?.reset();
  };
  // Zoom with Ctrl+wheel (also what a trackpad pinch sends); a plain wheel scrolls the page.
  frame.addEventListener('wheel', (e) => {
    if (!zoom || !e.ctrlKey) return;
    keepFitted = false;
    zoom.zoomWithWheel(e);
  });
  const toolbar = h(
    'div',
    { class: 'toolbar figure-toolbar' },
    ...(opts.tools ?? []),
    zoomButtons(zoomBy, fit),
  );
  return {
    el: h('div', { class: 'zoomable-figure' }, toolbar, frame, hint),
    frame,
    show(markup) {
      zoom?.destroy();
      showSvg(frame, markup);
      svg = frame.querySelector('svg');
      setSize(1);
      fittedWidth = svg?.getBoundingClientRect().width ?? 0;
      if (svg && !keepFitted) setSize(readableScale(fontSizes(svg)));
      zoom = svg ? Panzoom(svg, { ...ZOOM, cursor: 'grab' }) : undefined;
    },
  };
}
