/** A tiny element builder: the page is small enough not to need a framework. */

/** Attributes: strings set as attributes, `on*` functions as listeners. */
export type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

/** A child: an element, text, or nothing. */
export type Child = Node | string | number | false | null | undefined;

/** `h('button', { class: 'primary', onclick: go }, 'Train')`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

/** Append children, skipping empty ones. */
export function append(el: Element, children: readonly Child[]): void {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** Replace an element's children. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * The elements a figure draws (packages/diagrams and the receptive-field figure). Anything
 * else in figure markup (`script`, `foreignObject`, `image`, `a`, `use`...) could run or load
 * something, and would have come from a name that escaped its escaping.
 */
const FIGURE_ELEMENTS: ReadonlySet<string> = new Set([
  'svg',
  'g',
  'defs',
  'marker',
  'title',
  'desc',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'path',
  'text',
  'tspan',
]);

/**
 * Show the SVG document `markup` as the only child of `host`. The figures are strings built
 * from model names, which come from untrusted links and run files: their builders escape
 * every name (`escapeXml`), and this is the second wall. The markup is parsed as XML, never
 * as HTML (no `innerHTML`), and only the elements a figure draws are kept, without event
 * handlers or links, so a name that got past the escaping still could not run.
 */
export function showSvg(host: Element, markup: string): void {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.localName !== 'svg' || root.getElementsByTagName('parsererror').length > 0) {
    // The builders always write well-formed SVG (their tests parse it strictly).
    throw new Error(`not a well-formed SVG figure: ${markup.slice(0, 80)}`);
  }
  inertFigure(root);
  host.replaceChildren(document.importNode(root, true));
}

/** Remove what a figure never has: other elements, `on*` handlers, `href`s. */
function inertFigure(root: Element): void {
  for (const e of Array.from(root.querySelectorAll('*'))) {
    if (!FIGURE_ELEMENTS.has(e.localName)) {
      e.remove();
      continue;
    }
    for (const a of Array.from(e.attributes)) {
      if (/^on/i.test(a.localName) || a.localName === 'href') e.removeAttributeNode(a);
    }
  }
  for (const a of Array.from(root.attributes)) {
    if (/^on/i.test(a.localName) || a.localName === 'href') root.removeAttributeNode(a);
  }
}
