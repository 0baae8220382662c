import { describe, expect, it } from 'vitest';
import { elements, parseXml, pathPoints, textContent, viewBox } from './xml-check.js';

// The checker guards every SVG assertion, so it must itself reject what is malformed.
describe('xml-check', () => {
  it('parses a well-formed document and decodes entities', () => {
    const root = parseXml(
      '<svg viewBox="0 0 10 20"><g><text x="1">a &lt; b &amp; &#215;</text></g><rect/></svg>',
    );
    expect(root.name).toBe('svg');
    expect(viewBox(root)).toEqual({ x: 0, y: 0, width: 10, height: 20 });
    const [t] = elements(root, 'text');
    expect(t && textContent(t)).toBe('a < b & ×');
    expect(elements(root)).toHaveLength(4);
  });

  it.each([
    ['mismatched tags', '<a><b></a></b>'],
    ['unclosed root', '<a><b/>'],
    ['raw < in text', '<a>x < y</a>'],
    ['bare & in text', '<a>x & y</a>'],
    ['unknown entity', '<a>&nbsp;</a>'],
    ['unquoted attribute', '<a x=1/>'],
    ['raw < in attribute', '<a x="<"/>'],
    ['duplicate attribute', '<a x="1" x="2"/>'],
    ['two roots', '<a/><b/>'],
  ])('rejects %s', (_what, src) => {
    expect(() => parseXml(src)).toThrow(/XML error/);
  });

  it('reads the coordinates of a path', () => {
    expect(pathPoints('M1,2 L3.5,-4 C5,6 7,8 9,10')).toEqual([
      { x: 1, y: 2 },
      { x: 3.5, y: -4 },
      { x: 5, y: 6 },
      { x: 7, y: 8 },
      { x: 9, y: 10 },
    ]);
  });
});
