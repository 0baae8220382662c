/**
 * A tiny, strict XML reader for the tests: enough to prove an SVG is well-formed (matching
 * tags, quoted attributes, only the five predefined entities and character references)
 * and to query it. Throws on the first error, with the offset.
 */

/** An element with decoded attribute values and children. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

/** Character data (decoded) or an element. */
export type XmlNode = XmlElement | string;

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[-A-Za-z0-9_:.]/;
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

class Reader {
  pos = 0;
  constructor(private readonly src: string) {}

  fail(msg: string): never {
    throw new Error(
      `XML error at ${this.pos}: ${msg} near ${JSON.stringify(this.src.slice(this.pos, this.pos + 30))}`,
    );
  }

  peek(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  expect(s: string): void {
    if (!this.peek(s)) this.fail(`expected ${JSON.stringify(s)}`);
    this.pos += s.length;
  }

  skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src.charAt(this.pos))) this.pos++;
  }

  skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.peek('<!--')) {
        const end = this.src.indexOf('-->', this.pos + 4);
        if (end < 0) this.fail('unterminated comment');
        this.pos = end + 3;
      } else if (this.peek('<?')) {
        const end = this.src.indexOf('?>', this.pos + 2);
        if (end < 0) this.fail('unterminated processing instruction');
        this.pos = end + 2;
      } else return;
    }
  }

  name(): string {
    const start = this.pos;
    if (!NAME_START.test(this.src.charAt(this.pos))) this.fail('expected a name');
    while (this.pos < this.src.length && NAME_CHAR.test(this.src.charAt(this.pos))) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** Decode text up to `stop` (exclusive), checking entities. */
  decode(raw: string): string {
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      const ch = raw.charAt(i);
      if (ch === '<') this.fail('raw < in text or attribute');
      if (ch !== '&') {
        out += ch;
        continue;
      }
      const end = raw.indexOf(';', i);
      if (end < 0) this.fail('unterminated entity');
      const ref = raw.slice(i + 1, end);
      if (/^#\d+$/.test(ref)) out += String.fromCodePoint(Number(ref.slice(1)));
      else if (/^#x[0-9a-fA-F]+$/.test(ref))
        out += String.fromCodePoint(parseInt(ref.slice(2), 16));
      else if (ENTITIES[ref] !== undefined) out += ENTITIES[ref];
      else this.fail(`unknown entity &${ref};`);
      i = end;
    }
    return out;
  }

  element(): XmlElement {
    this.expect('<');
    const name = this.name();
    const attrs: Record<string, string> = {};
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      if (this.peek('/>')) {
        this.pos += 2;
        return { name, attrs, children: [] };
      }
      if (this.peek('>')) {
        this.pos += 1;
        break;
      }
      if (this.pos === before) this.fail('expected whitespace before an attribute');
      const key = this.name();
      if (key in attrs) this.fail(`duplicate attribute ${key}`);
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      const quote = this.src.charAt(this.pos);
      if (quote !== '"' && quote !== "'") this.fail('attribute value must be quoted');
      const end = this.src.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail('unterminated attribute value');
      attrs[key] = this.decode(this.src.slice(this.pos + 1, end));
      this.pos = end + 1;
    }
    const children: XmlNode[] = [];
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`unclosed <${name}>`);
      if (this.peek('</')) {
        this.pos += 2;
        const close = this.name();
        if (close !== name) this.fail(`</${close}> closes <${name}>`);
        this.skipSpace();
        this.expect('>');
        return { name, attrs, children };
      }
      if (this.peek('<!--')) {
        this.skipMisc();
        continue;
      }
      if (this.peek('<')) {
        children.push(this.element());
        continue;
      }
      const next = this.src.indexOf('<', this.pos);
      const end = next < 0 ? this.src.length : next;
      children.push(this.decode(this.src.slice(this.pos, end)));
      this.pos = end;
    }
  }
}

/** Parse a whole document; throws unless it is one well-formed root element. */
export function parseXml(src: string): XmlElement {
  const r = new Reader(src);
  r.skipMisc();
  const root = r.element();
  r.skipMisc();
  if (r.pos !== src.length) r.fail('content after the root element');
  return root;
}

/** Every element below (and including) `root`, document order; optionally by tag name. */
export function elements(root: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (name === undefined || e.name === name) out.push(e);
    for (const c of e.children) if (typeof c !== 'string') walk(c);
  };
  walk(root);
  return out;
}

/** The concatenated character data of an element. */
export function textContent(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

/** The text of every <text> element (sub/superscripts joined as written). */
export function texts(root: XmlElement): string[] {
  return elements(root, 'text').map(textContent);
}

/** A numeric attribute; throws if missing or not a number (a test failure, not a crash). */
export function numAttr(e: XmlElement, key: string): number {
  const v = e.attrs[key];
  const n = v === undefined ? NaN : Number(v);
  if (!Number.isFinite(n)) throw new Error(`<${e.name}> has no numeric ${key}: ${String(v)}`);
  return n;
}

/** The viewBox of an <svg> root as numbers. */
export function viewBox(svg: XmlElement): { x: number; y: number; width: number; height: number } {
  const parts = (svg.attrs['viewBox'] ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [x = NaN, y = NaN, width = NaN, height = NaN] = parts;
  return { x, y, width, height };
}

/** Every coordinate pair in a path's `d` (absolute commands only, as the figures use). */
export function pathPoints(d: string): { x: number; y: number }[] {
  const nums = (d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2)
    out.push({ x: nums[i] as number, y: nums[i + 1] as number });
  return out;
}
