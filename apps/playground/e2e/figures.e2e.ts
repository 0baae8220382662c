/**
 * End-to-end, issue 16 §3, §4: the graph and unrolled figures read well on a phone
 * (390 × 844) and on a laptop (1440 × 900). For the names example at both sizes: no zoom
 * button covers the figure's title or any of its labels; the figure's text renders at least
 * 9 CSS px tall as it starts (a phone gets the unrolled figure at a readable size, panned,
 * rather than fitted to 340 px); the page does not scroll sideways; and after Fit the figure
 * lies inside its frame. On the laptop the names figures fit readably, so they start fitted,
 * as before. On the phone the readable unrolled figure starts at its first step (x₁, h₁ in
 * view with the title), and again once the phone turns (844 × 390) while the user has not
 * zoomed or panned; a drag or a wheel zoom is the user's view, which turning keeps. Every
 * test leaves a screenshot of its panel in apps/playground/test-results/
 * (not committed), to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PATIENCE, PHONE, SHOTS_DIR, useBuiltPlayground, withPage } from './e2e-page.js';

/** The smallest text height (CSS px) a figure may start with; the app aims at 10. */
const MIN_TEXT_PX = 9;

const playground = useBuiltPlayground();

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
  readonly texts: readonly {
    text: string;
    title: boolean;
    /** In a cell of the unrolled figure's first step (x₁, h₁ and their widths). */
    first: boolean;
    box: Box;
    seen: Box | null;
  }[];
  /** The frame's padding box (what it shows) and the SVG's box, transforms included. */
  readonly frame: Box;
  readonly svg: Box;
  /** The frame's padding: where its content box starts inside the padding box. */
  readonly padding: { left: number; top: number };
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
    const first = t.parentElement?.querySelector(':scope > rect.cell[data-t="1"]') != null;
    return { text: t.textContent ?? '', title: t === title, first, box: b, seen: clip(b) };
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
    padding: { left: parseFloat(style.paddingLeft), top: parseFloat(style.paddingTop) },
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
      playground.browser,
      playground.url,
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

/** The first step's texts and the title that lie partly outside the frame, by text. */
function startOutOfView(facts: FigureFacts): string[] {
  return facts.texts
    .filter((t) => (t.first || t.title) && !inside(t.box, facts.frame))
    .map((t) => t.text);
}

/** The smallest height of the figure's texts, CSS px. */
function smallestText(facts: FigureFacts): number {
  return Math.min(...facts.texts.map((t) => t.box.bottom - t.box.top));
}

/** Turn the phone to `viewport`; the figure's facts once its frame and figure have settled. */
async function turn(
  page: Page,
  frame: Locator,
  viewport: { width: number; height: number },
): Promise<FigureFacts> {
  const before = await frame.evaluate(measure);
  await page.setViewportSize(viewport);
  await expect
    .poll(async () => (await frame.evaluate(measure)).frame.right - before.frame.right)
    .not.toBe(0);
  return settled(page, frame);
}

/** Where the title lies in the frame, CSS px from its content box's top-left corner (the
 *  frame's padding differs between a phone held upright and turned). */
function titleOffset(facts: FigureFacts): { x: number; y: number } {
  const title = facts.texts.find((t) => t.title);
  if (!title) throw new Error('the figure has no title');
  const { left, top } = facts.padding;
  return { x: title.box.left - facts.frame.left - left, y: title.box.top - facts.frame.top - top };
}

const TURNED = { width: PHONE.height, height: PHONE.width } as const;

describe('the unrolled figure on a phone that turns', () => {
  it('starts at its first step, readable, and again after each turn', async () => {
    await withPage(
      playground.browser,
      playground.url,
      'figures-phone-turns',
      async (page) => {
        const frame = await openFigure(page, 'unrolled');
        const upright = await frame.evaluate(measure);
        expect(upright.readable).toBe(true);
        // x₁ and h₁ (with their widths) and the title are wholly in view as it starts.
        const first = upright.texts.filter((t) => t.first).map((t) => t.text);
        expect(first).toEqual(expect.arrayContaining(['x1', 'h1(1)']));
        expect(startOutOfView(upright)).toEqual([]);
        mkdirSync(SHOTS_DIR, { recursive: true });
        const panel = page.locator('.panel.unrolled');
        await panel.screenshot({ path: join(SHOTS_DIR, 'figures-phone-turns-upright.png') });

        const turned = await turn(page, frame, TURNED);
        expect(smallestText(turned)).toBeGreaterThanOrEqual(MIN_TEXT_PX);
        expect(startOutOfView(turned)).toEqual([]);
        expect(turned.scrollWidth).toBeLessThanOrEqual(turned.innerWidth);
        await panel.screenshot({ path: join(SHOTS_DIR, 'figures-phone-turns-turned.png') });

        const back = await turn(page, frame, PHONE);
        expect(smallestText(back)).toBeGreaterThanOrEqual(MIN_TEXT_PX);
        expect(startOutOfView(back)).toEqual([]);
      },
      PHONE,
    );
  });

  it.each(['drag', 'wheel zoom'] as const)('keeps the view a %s chose', async (gesture) => {
    await withPage(
      playground.browser,
      playground.url,
      `figures-phone-turns-${gesture.replace(' ', '-')}`,
      async (page) => {
        const frame = await openFigure(page, 'unrolled');
        // The mouse acts only inside the window: the phone's frame starts below it.
        await frame.scrollIntoViewIfNeeded();
        const start = await frame.evaluate(measure);
        const x = (start.frame.left + start.frame.right) / 2;
        const y = (start.frame.top + start.frame.bottom) / 2;
        await page.mouse.move(x, y);
        if (gesture === 'drag') {
          await page.mouse.down();
          await page.mouse.move(x - 80, y - 30, { steps: 8 });
          await page.mouse.up();
        } else {
          // Ctrl+wheel: what a trackpad pinch sends.
          await page.keyboard.down('Control');
          await page.mouse.wheel(0, -300);
          await page.keyboard.up('Control');
        }
        const own = await settled(page, frame);
        expect(titleOffset(own)).not.toEqual(titleOffset(start));
        const turned = await turn(page, frame, TURNED);
        // The same view, in the turned frame: no new start view replaced it.
        const [a, b] = [titleOffset(own), titleOffset(turned)];
        expect(Math.abs(b.x - a.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(b.y - a.y)).toBeLessThanOrEqual(1);
        expect(turned.svg.right - turned.svg.left).toBeCloseTo(own.svg.right - own.svg.left, 0);
      },
      PHONE,
    );
  });
});
