/**
 * Text width estimates. There is no DOM to measure with, so widths come from character
 * counts weighted by a few character classes. The weights are on the wide side of common
 * sans fonts (DejaVu Sans, Arial, Inter) so that text never spills out of its box.
 */

/** The two font roles used in the figures. */
export type FontKind = 'sans' | 'mono';

const NARROW = new Set("iIlj.,:;|!'`()[]{} ft");
const WIDE = new Set('mwMW@%');

/** Estimated advance of one character in ems. */
function charEm(ch: string, kind: FontKind, bold: boolean): number {
  if (kind === 'mono') return 0.62;
  let em: number;
  if (NARROW.has(ch)) em = 0.36;
  else if (WIDE.has(ch)) em = 0.9;
  else if (ch >= 'A' && ch <= 'Z') em = 0.7;
  else if (ch.charCodeAt(0) > 0x2000)
    em = 0.85; // arrows, ×, ←→: wide glyphs
  else em = 0.6;
  return bold ? em * 1.08 : em;
}

/** Estimated rendered width in px of `text` at `fontSize` px. */
export function textWidth(
  text: string,
  fontSize: number,
  kind: FontKind = 'sans',
  bold = false,
): number {
  let em = 0;
  for (const ch of text) em += charEm(ch, kind, bold);
  return em * fontSize;
}
