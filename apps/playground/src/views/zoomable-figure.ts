/**
 * A figure you can zoom and pan instead of one shrunk to the panel (issue 16 §3, §4). The
 * diagram starts fitted to the panel unless that shrinks its text below a readable size (a
 * wide figure on a phone): then it starts at the readable size, moved so that its start (the
 * title, the row names and the panel's first step) is in view, and drags pan to the rest.
 * Pinch or Ctrl+wheel zooms; the −, + and Fit buttons do the same for a mouse or a keyboard.
 * They sit in a toolbar row above the figure, so they never cover its title or a label.
 * @panzoom/panzoom does the gestures (pointer, touch and wheel); each redraw gets a fresh
 * instance on the new SVG. Until the user zooms or pans, the start view follows the frame's
 * width (a phone turned, a window resized).
 */
import Panzoom, { type PanzoomEventDetail, type PanzoomObject } from '@panzoom/panzoom';
import { h, showSvg, type Child } from '../ui/dom.js';
import { readableScale, startShift, type Span } from './readable-scale.js';

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
  /**
   * A selector of the SVG elements that a readable start shows besides the title (the
   * unrolled figure's first step); the figure's top-left text when absent.
   */
  readonly start?: string;
}

/**
 * Who chose the view shown: the figure's start view (recomputed for a new width), Fit (kept
 * for the next drawing), or the user's own zoom or pan (kept until the next drawing).
 */
type View = 'start' | 'fitted' | 'own';

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
  svg.style.margin = '';
}

/** The union of the boxes of `els` on one axis, or undefined for none. */
function spanOf(els: Iterable<Element>, axis: 'x' | 'y'): Span | undefined {
  let span: Span | undefined;
  for (const el of els) {
    const r = el.getBoundingClientRect();
    const [start, end] = axis === 'x' ? [r.left, r.right] : [r.top, r.bottom];
    span = span
      ? { start: Math.min(span.start, start), end: Math.max(span.end, end) }
      : { start, end };
  }
  return span;
}

/**
 * Move a readable `svg` so that its start (the title, and what `startSelector` picks) lies
 * in `frame`'s unclipped padding box. Negative margins rather than a Panzoom pan: Panzoom
 * sets its first transform a frame late (it would show the corner first), and Fit's reset
 * goes back to the layout position, where sizeSvg clears these margins.
 */
function moveToStart(frame: HTMLElement, svg: SVGSVGElement, startSelector?: string): void {
  const texts = Array.from(svg.querySelectorAll('text'));
  const start = Array.from(
    svg.querySelectorAll(startSelector ? `g.header text, ${startSelector}` : 'g.header text'),
  );
  const f = frame.getBoundingClientRect();
  const left = f.left + frame.clientLeft;
  const top = f.top + frame.clientTop;
  const view = {
    x: { start: left, end: left + frame.clientWidth },
    y: { start: top, end: top + frame.clientHeight },
  };
  // From the figure's top-left text (the title, the row names) to the end of its start.
  const region = (axis: 'x' | 'y'): Span | undefined => {
    const all = spanOf(texts, axis);
    const end = spanOf(start, axis)?.end ?? all?.start;
    return all && end !== undefined ? { start: all.start, end } : undefined;
  };
  const [x, y] = [region('x'), region('y')];
  if (!x || !y) return;
  svg.style.marginLeft = `${startShift(view.x, x)}px`;
  svg.style.marginTop = `${startShift(view.y, y)}px`;
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
  let view: View = 'start';
  let fittedWidth = 0;
  const setSize = (k: number): void => {
    if (svg) sizeSvg(frame, svg, fittedWidth, k);
    hint.hidden = k <= 1;
  };
  // The start view at the frame's width now: fitted, or readable and moved to its start.
  const layOut = (): void => {
    if (!svg) return;
    setSize(1);
    if (view !== 'start') return;
    fittedWidth = svg.getBoundingClientRect().width;
    const k = readableScale(fontSizes(svg));
    setSize(k);
    if (k > 1) moveToStart(frame, svg, opts.start);
  };
  const zoomBy = (dir: 1 | -1): void => {
    if (!zoom) return;
    view = 'own';
    // About the middle of what is in view: the figure's own centre may be off screen.
    const r = frame.getBoundingClientRect();
    const point = { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
    zoom.zoomToPoint(zoom.getScale() * Math.exp(dir * ZOOM.step), point);
  };
  const fit = (): void => {
    view = 'fitted';
    setSize(1);
    zoom?.reset();
  };
  // Zoom with Ctrl+wheel (also what a trackpad pinch sends); a plain wheel scrolls the page.
  frame.addEventListener('wheel', (e) => {
    if (zoom && e.ctrlKey) zoom.zoomWithWheel(e);
  });
  // A turned phone or a resized window: a new start view, unless the user chose one. Only
  // a new width counts (the figure's own size sets the frame's height), and the work waits
  // a frame, since resizing the figure inside the observer's callback would loop.
  let width = 0;
  new ResizeObserver(([entry]) => {
    const w = entry?.contentRect.width ?? 0;
    if (w === 0 || w === width) return;
    width = w;
    if (view === 'start') requestAnimationFrame(layOut);
  }).observe(frame);
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
      zoom = undefined;
      showSvg(frame, markup);
      svg = frame.querySelector('svg');
      // A new drawing drops the user's own view; Fit holds for it too (another step count).
      if (view === 'own') view = 'start';
      layOut();
      if (!svg) return;
      zoom = Panzoom(svg, { ...ZOOM, cursor: 'grab' });
      // A drag, a pinch or a wheel zoom (Panzoom passes the event that made the change;
      // its own resets and ours pass none) makes the view the user's: a resize keeps it.
      svg.addEventListener('panzoomchange', (e) => {
        if ((e as CustomEvent<PanzoomEventDetail>).detail.originalEvent) view = 'own';
      });
    },
  };
}
