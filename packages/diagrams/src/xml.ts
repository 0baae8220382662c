/**
 * Tiny XML writer. Every diagram is a string so it works in Node and the browser alike
 * (no DOM); all text and attribute values go through `escapeXml` here, in one place.
 */

/** Escape text or an attribute value for XML (both quote kinds, so any context is safe). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values; `undefined` drops the attribute so callers can pass optional ones. */
export type Attrs = Readonly<Record<string, string | number | undefined>>;

/** Numbers in SVG: two decimals at most keeps files small and diffs stable. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function renderAttrs(attrs: Attrs): string {
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    const text = typeof value === 'number' ? num(value) : value;
    out += ` ${key}="${escapeXml(text)}"`;
  }
  return out;
}

/**
 * One element. `children` are already-serialised XML strings (use `text()` for character
 * data); no children gives a self-closing tag.
 */
export function el(name: string, attrs: Attrs = {}, children: readonly string[] = []): string {
  if (children.length === 0) return `<${name}${renderAttrs(attrs)}/>`;
  return `<${name}${renderAttrs(attrs)}>${children.join('')}</${name}>`;
}

/** Character data, escaped. */
export function text(content: string): string {
  return escapeXml(content);
}
