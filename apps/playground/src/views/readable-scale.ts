/**
 * How large a zoomable figure starts, and where (issue 16 §3, §4). Fitting a figure to its
 * panel is right while its text stays legible; on a phone the unrolled figure fitted to
 * 340 px drew its smallest notes in a 4 px font. Such a figure starts at the size where its
 * smallest text is readable instead, moved so that its start (title, first step) is in
 * view, and is panned to see the rest. Pure, so it is unit-tested without a browser.
 */

/**
 * The font size (CSS px) of a grown figure's smallest text: glyphs about 10 px tall. The
 * figures' smallest notes are 10 units, so their 14-unit cell labels get a 12.6 px font.
 */
export const READABLE_FONT_PX = 9;

/**
 * The least growth worth making: a figure that needs less stays fitted, since seeing all of
 * it is worth more than slightly larger text. So no figure starts with a font under
 * READABLE_FONT_PX / MIN_GROWTH (8 px, glyphs about 9 px tall); the names example's
 * figures in a 1440 × 900 window's panel need none (the graph's smallest font is 8.3 px
 * there, the unrolled figure's 8.8 px).
 */
export const MIN_GROWTH = 1.125;

/**
 * The factor to grow a fitted figure by so that its smallest text (`fontPx`: each text's
 * font size as rendered, CSS px) gets a `minPx` font; 1 when fitting keeps it nearly so
 * (within MIN_GROWTH), and 1 when nothing is laid out (sizes of 0: a figure off screen).
 */
export function readableScale(fontPx: Iterable<number>, minPx = READABLE_FONT_PX): number {
  let smallest = Infinity;
  for (const px of fontPx) if (px > 0 && px < smallest) smallest = px;
  const k = minPx / smallest;
  return k >= MIN_GROWTH ? k : 1;
}

/** A stretch of one axis in CSS px, relative to the window. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The room (CSS px) a figure's start view leaves between the frame's edge and its text. */
export const START_GAP = 8;

/**
 * How far to move a figure along one axis so that `region` (what its start view shows: the
 * title, the first step) lies in `view` (the part of the frame that is not clipped): the
 * region starts `gap` px inside the view; less when only a smaller gap fits; and a region
 * larger than the view is centred, so both of its ends lose the same few pixels rather
 * than one end all of them (the names figure on a phone is 1 px too wide).
 */
export function startShift(view: Span, region: Span, gap = START_GAP): number {
  const room = view.end - view.start - (region.end - region.start);
  return view.start - region.start + Math.min(gap, room / 2);
}
