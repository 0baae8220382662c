/**
 * Minimal math labels for the unrolled figure: `h_t^(2)`, `W_xh^(1)`, `h_{t-1}`. A `_` or
 * `^` takes a `{group}`, a `(group)` (kept with its parentheses) or a run of letters and
 * digits. Rendered with <tspan> shifts, which every SVG renderer supports, unlike MathML.
 */
import { textWidth } from './text-width.js';
import type { FontKind } from './text-width.js';
import { el, text } from './xml.js';

/** One run of text at one baseline. */
export interface MathSegment {
  readonly text: string;
  readonly shift: 'base' | 'sub' | 'sup';
}

const SMALL = 0.72; // sub/superscript size relative to the base size
const OFFSET = { base: 0, sub: 0.32, sup: -0.42 } as const; // baseline shift in ems

function readGroup(src: string, start: number): { group: string; end: number } {
  const open = src[start];
  if (open === '{' || open === '(') {
    const close = open === '{' ? '}' : ')';
    const end = src.indexOf(close, start + 1);
    if (end < 0) return { group: src.slice(start), end: src.length };
    const inner = src.slice(start + 1, end);
    return { group: open === '(' ? `(${inner})` : inner, end: end + 1 };
  }
  let end = start;
  while (end < src.length && /[A-Za-z0-9]/.test(src.charAt(end))) end++;
  return { group: src.slice(start, end), end };
}

/** Split a math label into baseline runs. Plain text comes back as one `base` run. */
export function parseMath(src: string): MathSegment[] {
  const out: MathSegment[] = [];
  let plain = '';
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if ((ch === '_' || ch === '^') && i + 1 < src.length) {
      if (plain) out.push({ text: plain, shift: 'base' });
      plain = '';
      const { group, end } = readGroup(src, i + 1);
      out.push({ text: group, shift: ch === '_' ? 'sub' : 'sup' });
      i = end;
    } else {
      plain += ch;
      i++;
    }
  }
  if (plain) out.push({ text: plain, shift: 'base' });
  return out;
}

/** Estimated width of a math label at `size` px. */
export function mathWidth(src: string, size: number, font: FontKind = 'sans'): number {
  return parseMath(src).reduce(
    (w, s) => w + textWidth(s.text, s.shift === 'base' ? size : size * SMALL, font),
    0,
  );
}

/** Text styling for `mathText`. */
export interface MathStyle {
  readonly size: number;
  readonly fill: string;
  readonly family: string;
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly weight?: 'bold' | 'normal';
  readonly italic?: boolean;
}

/** A <text> element for a math label, baseline at (x, y). */
export function mathText(x: number, y: number, src: string, style: MathStyle): string {
  let current = 0;
  const spans = parseMath(src).map((s) => {
    const target = OFFSET[s.shift] * style.size;
    const dy = target - current;
    current = target;
    return el(
      'tspan',
      {
        dy: dy === 0 ? undefined : dy,
        'font-size': s.shift === 'base' ? undefined : style.size * SMALL,
      },
      [text(s.text)],
    );
  });
  return el(
    'text',
    {
      x,
      y,
      'font-size': style.size,
      'font-family': style.family,
      'font-weight': style.weight === 'bold' ? 'bold' : undefined,
      'font-style': style.italic ? 'italic' : undefined,
      'text-anchor': style.anchor ?? 'start',
      fill: style.fill,
      // Without it renderers drop the space that starts a tspan (`W_hh and` -> `W_hhand`).
      'xml:space': 'preserve',
    },
    spans,
  );
}
