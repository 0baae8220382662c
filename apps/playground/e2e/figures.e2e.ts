/**
 * End-to-end, issue 16 §3, §4: the graph and unrolled figures read well on a phone
 * (390 × 844) and on a laptop (1440 × 900). For the names example at both sizes: no zoom
 * button covers the figure's title or any of its labels; the figure's text renders at least
 * 9 CSS px tall as it starts (a phone gets the unrolled figure at a readable size, panned,
 * rather than fitted to 340 px); the page does not scroll sideways; and after Fit the figure
 * lies inside its frame. On the laptop the names figures fit readably, so they start fitted,
 * as before. Every test leaves a screenshot of its panel in apps/playground/test-results/
 * (not committed), to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { DESKTOP, DIST_DIR, PATIENCE, PHONE, SHOTS_DIR, withPage } from './e2e-page.js';
import { serveStatic, type StaticServer } from './static-server.js';

/** The smallest text height (CSS px) a figure may start with; the app aims at 10. */
const MIN_TEXT_PX = 9;

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error('apps/playground/dist is missing: run `npm run build` first');
  }
  server = await serveStatic(DIST_DIR, '/seqlab/');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A rectangle in CSS px, relative to the window. */
interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** What a figure panel shows, measured in the page. */
interface FigureFacts {
  /** The zoom buttons, by name. */
  readonly buttons: readonly { name: string; box: Box }[];
  /** Every text of the SVG: its box, and the part of it the frame leaves visible. */
  readonly texts: readonly { text: string; title: boolean; box: Box; seen: Box | null }[];
  /** The frame's padding box (what it shows) and the SVG's box, transforms included. */
  readonly frame: Box;
  readonly svg: Box;
  readonly readable: boolean;
  readonly scrollWidth: number;
  readonly innerWidth: number;
}

/** In the page: {@link FigureFacts} of the figure frame `frame`. */
function measure(frame: Element): FigureFacts {
  const box = (r: DOMRect): Box => ({
    left: r.left,
    top: r.top,
    right: r.right,
    bottom: r.bottom,
  });
  const f = frame.getBoundingClientRect();
  const style = getComputedStyle(frame);
  const [bl, bt] = [parseFloat(style.borderLeftWidth), parseFloat(style.borderTopWidth)];
  const inner = {
    left: f.left + bl,
    top: f.top + bt,
    right: f.left + bl + frame.clientWidth,
    bottom: f.top + bt + frame.clientHeight,
  };
  const clip = (b: Box): Box | null => {
    const c = {
      left: Math.max(b.left, inner.left),
      top: Math.max(b.top, inner.top),
      right: Math.min(b.right, inner.right),
      bottom: Math.min(b.bottom, inner.bottom),
    };
    return c.right > c.left && c.bottom > c.top ? c : null;
  };
  const svg = frame.querySelector('svg');
  const title = svg?.querySelector('g.header text');
  const texts = Array.from(svg?.querySelectorAll('text') ?? [], (t) => {
    const b = box(t.getBoundingClientRect());
    return { text: t.textContent ?? '', title: t === title, box: b, seen: clip(b) };
  });
  const buttons = Array.from(
    frame.closest('.zoomable-figure')?.querySelectorAll('.zoom-button') ?? [],
    (b) => ({ name: b.getAttribute('aria-label') ?? '', box: box(b.getBoundingClientRect()) }),
  );
  return {
    buttons,
    texts,
    frame: inner,
    svg: svg ? box(svg.getBoundingClientRect()) : inner,
    readable: frame.classList.contains('readable'),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth,
  };
}

/** Whether two boxes share more than a hairline. */
function overlap(a: Box, b: Box): boolean {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0.5 && h > 0.5;
}

/** Whether `inner` lies inside `outer` (a pixel of rounding allowed). */
function inside(inner: Box, outer: Box): boolean {
  return (
    inner.left >= outer.left - 1 &&
    inner.top >= outer.top - 1 &&
    inner.right <= outer.right + 1 &&
    inner.bottom <= outer.bottom + 1
  );
}

/** Every zoom button that covers a visible part of a text, as "button over text". */
function coveredTexts(facts: FigureFacts): string[] {
  return facts.buttons.flatMap((b) =>
    facts.texts
      .filter((t) => t.seen !== null && overlap(b.box, t.seen))
      .map((t) => `"${b.name}" over ${t.title ? 'the title ' : ''}"${t.text}"`),
  );
}

/** The figure's facts once a zoom has stopped moving it (a zoom may animate). */
async function settled(page: Page, frame: Locator): Promise<FigureFacts> {
  let last = await frame.evaluate(measure);
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(150);
    const now = await frame.evaluate(measure);
    if (JSON.stringify(now.svg) === JSON.stringify(last.svg)) return now;
    last = now;
  }
  throw new Error('the figure kept moving');
}

/** Drag the figure so that its title ends 24 px inside the frame's top-right corner. */
async function dragTitleToCorner(
  page: Page,
  frame: Locator,
  facts: FigureFacts,
): Promise<FigureFacts> {
  const title = facts.texts.find((t) => t.title);
  if (!title) throw new Error('the figure has no title');
  const dx = facts.frame.right - 24 - title.box.right;
  const dy = facts.frame.top + 24 - title.box.top;
  const x = (facts.frame.left + facts.frame.right) / 2;
  const y = (facts.frame.top + facts.frame.bottom) / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 8 });
  await page.mouse.up();
  return settled(page, frame);
}

/** Open the names example's `tab` panel; its figure frame, once it shows the names model. */
async function openFigure(page: Page, tab: 'graph' | 'unrolled') {
  await page.getByTestId('example-select').selectOption({ label: 'names' });
  await page.locator(`[data-tab="${tab}"]`).click();
  const frame = page.getByTestId(tab);
  await expect
    .poll(() => frame.locator('svg > title').textContent(), { timeout: PATIENCE })
    .toContain('NameGender');
  // The panel's layout settles in the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  return frame;
}

const sizes = [
  ['phone', PHONE],
  ['laptop', DESKTOP],
] as const;

describe.each(sizes)('figures on a %s', (size, viewport) => {
  it.each(['graph', 'unrolled'] as const)('%s: clear buttons, readable text, Fit', async (tab) => {
    const name = `figures-${size}-${tab}`;
    await withPage(
      browser,
      server.url,
      name,
      async (page) => {
        const frame = await openFigure(page, tab);
        const facts = await frame.evaluate(measure);
        expect(facts.buttons.map((b) => b.name)).toEqual([
          'zoom out',
          'zoom in',
          'fit the figure to the panel',
        ]);
        // The title is one of the texts checked, and is in view.
        expect(facts.texts.find((t) => t.title)?.seen).not.toBeNull();
        expect(coveredTexts(facts)).toEqual([]);
        expect(facts.scrollWidth).toBeLessThanOrEqual(facts.innerWidth);
        const heights = facts.texts.map((t) => t.box.bottom - t.box.top);
        expect(heights.length).toBeGreaterThan(10);
        expect(Math.min(...heights)).toBeGreaterThanOrEqual(MIN_TEXT_PX);
        // On the laptop the names figures fit readably: they start fitted, as before.
        if (size === 'laptop') {
          expect(facts.readable).toBe(false);
          expect(inside(facts.svg, facts.frame)).toBe(true);
        }
        mkdirSync(SHOTS_DIR, { recursive: true });
        const panel = page.locator(`.panel.${tab}`);
        await panel.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });

        // Zoomed in, the figure fills its frame: still no button over a label in view.
        const zoomIn = panel.getByRole('button', { name: 'zoom in' });
        await zoomIn.click();
        await zoomIn.click();
        const zoomed = await settled(page, frame);
        expect(inside(zoomed.svg, zoomed.frame)).toBe(false);
        expect(coveredTexts(zoomed)).toEqual([]);
        // Drag the title into the frame's top-right corner (where floating buttons sat).
        const panned = await dragTitleToCorner(page, frame, zoomed);
        expect(panned.texts.find((t) => t.title)?.seen).not.toBeNull();
        expect(coveredTexts(panned)).toEqual([]);
        // Then Fit: the whole figure is back inside its frame.
        await panel.getByRole('button', { name: 'fit the figure to the panel' }).click();
        await expect
          .poll(async () => {
            const now = await frame.evaluate(measure);
            return inside(now.svg, now.frame);
          })
          .toBe(true);
        const fitted = await frame.evaluate(measure);
        expect(coveredTexts(fitted)).toEqual([]);
        expect(fitted.scrollWidth).toBeLessThanOrEqual(fitted.innerWidth);
        await panel.screenshot({ path: join(SHOTS_DIR, `${name}-fit.png`) });
      },
      viewport,
    );
  });
});
