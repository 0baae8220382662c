/**
 * A perceptual colour scale for heatmaps: viridis (matplotlib's default), whose lightness
 * rises steadily from dark purple to yellow, so equal steps of the value read as equal
 * steps of brightness and the picture survives greyscale and colour-blind eyes. Nine
 * published stops, linearly interpolated: close enough to the 256-entry table for a display.
 */

/** An RGB colour, each channel 0..255. */
export type Rgb = readonly [number, number, number];

/** Viridis at 0, 1/8, …, 1. */
export const VIRIDIS_STOPS: readonly Rgb[] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [253, 231, 37],
];

/** What a cell without a value (no gradient reaches it) is painted. */
export const MISSING_COLOUR: Rgb = [229, 231, 235];

/** The colour at `u` in [0, 1] (clamped; NaN gives {@link MISSING_COLOUR}). */
export function viridis(u: number): Rgb {
  if (Number.isNaN(u)) return MISSING_COLOUR;
  const last = VIRIDIS_STOPS.length - 1;
  const x = Math.min(1, Math.max(0, u)) * last;
  const i = Math.min(last - 1, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS_STOPS[i] ?? MISSING_COLOUR;
  const b = VIRIDIS_STOPS[i + 1] ?? a;
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/**
 * The colour of `value` on a scale from `min` (bottom colour) to `max` (top colour).
 * Values outside are clamped (+∞ is the top); NaN and −∞ have no colour of the scale.
 */
export function colourOf(value: number, min: number, max: number): Rgb {
  if (Number.isNaN(value) || value === -Infinity) return MISSING_COLOUR;
  const span = max - min;
  return viridis(span > 0 ? (value - min) / span : 0.5);
}

/** `#rrggbb`. */
export function hex(c: Rgb): string {
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** A CSS gradient of the scale, left (min) to right (max), for a legend bar. */
export function cssGradient(): string {
  const stops = VIRIDIS_STOPS.map(
    (c, i) => `${hex(c)} ${((100 * i) / (VIRIDIS_STOPS.length - 1)).toFixed(1)}%`,
  );
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/** WCAG relative luminance of a colour, 0 (black) to 1 (white). */
export function luminance(c: Rgb): number {
  const lin = (v: number): number => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}
