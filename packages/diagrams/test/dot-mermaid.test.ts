import { describe, expect, it } from 'vitest';
import type { IrModule } from '@seqlab/ir';
import { toDot, toMermaid } from '../src/index.js';
import { mermaidLabel } from '../src/mermaid.js';
import {
  ModuleBuilder,
  bilstmModel,
  convModel,
  namesModel,
  recurrent,
  scanModel,
  stackModel,
} from './fixtures.js';
import { layerNames, shapeText } from './helpers.js';

// Edges per fixture, counted by hand from the models: each arrow between layers and ports.
const fixtures: [string, () => IrModule, number][] = [
  ['conv stack', convModel, 7],
  ['names', namesModel, 5],
  ['rnn stack', stackModel, 4],
  ['bi-lstm', bilstmModel, 4],
  ['scan', scanModel, 4],
];

/** Braces outside quoted strings must balance in DOT. */
function braceDepthOk(dot: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < dot.length; i++) {
    const ch = dot.charAt(i);
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '{') depth++;
    else if (!quoted && ch === '}') depth--;
    if (depth < 0) return false;
  }
  return depth === 0 && !quoted;
}

describe.each(fixtures)('toDot / toMermaid: %s', (_name, build, edgeCount) => {
  const m = build();

  it('DOT: a digraph with every layer, shape-labelled edges between declared nodes', () => {
    const dot = toDot(m);
    expect(dot.startsWith(`digraph "${m.model}" {`)).toBe(true);
    expect(braceDepthOk(dot)).toBe(true);
    for (const name of layerNames(m)) expect(dot).toContain(name);
    const edges = [...dot.matchAll(/^ {2}(\w+) -> (\w+) \[label="([^"]*)"\];$/gm)];
    expect(edges).toHaveLength(edgeCount);
    const declared = new Set([...dot.matchAll(/^ {2}(\w+) \[/gm)].map((x) => x[1]));
    for (const e of edges) {
      expect(declared.has(e[1])).toBe(true);
      expect(declared.has(e[2])).toBe(true);
      expect(e[3]).toMatch(/\[[^\]]*\]$/);
    }
    for (const p of m.outputs)
      expect(dot).toContain(shapeText(m.graph.values[p.value]?.type.shape ?? []));
  });

  it('Mermaid: flowchart TD with every layer and edge', () => {
    const mm = toMermaid(m);
    expect(mm.split('\n')[0]).toBe('flowchart TD');
    for (const name of layerNames(m)) expect(mm).toContain(name);
    const edges = [...mm.matchAll(/^ {2}(\w+) -->\|"([^"]*)"\| (\w+)$/gm)];
    expect(edges).toHaveLength(edgeCount);
    const declared = new Set([...mm.matchAll(/^ {2}(\w+)[[(]/gm)].map((x) => x[1]));
    for (const e of edges) {
      expect(declared.has(e[1])).toBe(true);
      expect(declared.has(e[3])).toBe(true);
    }
    // Raw angle brackets would be read as HTML; only the line breaks may use them.
    expect(mm.replace(/<br\/>/g, '').replace(/ -->\|/g, '')).not.toMatch(/[<>]/);
  });
});

describe('escaping', () => {
  it('keeps DOT and Mermaid syntax intact around quotes, braces and <', () => {
    const m = { ...namesModel(), model: 'Odd"Name' };
    const dot = toDot(m, { title: 'a {b} | <c>' });
    expect(dot).toContain('digraph "Odd\\"Name" {');
    expect(braceDepthOk(dot)).toBe(true);
    expect(toMermaid(namesModel())).toContain('int#lt;30');
    expect(toDot(namesModel())).toContain('{gru0|gru(64)|18,816 params}');
  });
});

/**
 * What a label shows: Mermaid turns `#name;` into `&name;` and `#123;` into `&#123;` (its
 * encodeEntities/decodeEntities), then the page decodes the HTML entities.
 */
function mermaidShows(escaped: string): string {
  const html = escaped.replace(/#(\w+);/g, (_, c: string) =>
    /^\d+$/.test(c) ? `&#${c};` : `&${c};`,
  );
  const named: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>' };
  return html.replace(/&(#?\w+);/g, (_, code: string) =>
    code.startsWith('#') ? String.fromCharCode(Number(code.slice(1))) : (named[code] ?? '?'),
  );
}

describe('Mermaid label escaping', () => {
  it('escapes & so it cannot start an entity of its own', () => {
    expect(mermaidLabel('a & b')).toBe('a #amp; b');
    // Unescaped, `&lt;` would reach the page as an entity and show `<`.
    expect(mermaidLabel('a&lt;b')).toBe('a#amp;lt;b');
    expect(mermaidLabel('a&lt;b')).not.toMatch(/&/);
  });

  it("round-trips every special character through Mermaid's decoding", () => {
    for (const s of ['a & b', 'a&lt;b', '#1 & #2', 'x"y', 'int<30', '&#35;', '&amp;&', 'p>q&r']) {
      const escaped = mermaidLabel(s);
      expect(escaped).not.toMatch(/[&"<>]/);
      expect(mermaidShows(escaped)).toBe(s);
    }
  });

  it('escapes & in the names a model gives its ports and layers', () => {
    const b = new ModuleBuilder('Amp');
    const x = b.input('notes&lt;tags', ['B', 'T', 3]);
    const [seq] = recurrent(b, 'rnn', 'rnn&0', x, 3, 4);
    b.output('out & more', seq as string);
    const mm = toMermaid(b.build());
    expect(mm).toContain('notes#amp;lt;tags');
    expect(mm).toContain('rnn#amp;0');
    expect(mm).toContain('out #amp; more');
    expect(mm).not.toMatch(/&/);
  });
});
