import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, headersFile } from '../../build/isolation-headers.js';

describe('cross-origin isolation headers', () => {
  it('asks for COOP same-origin and COEP require-corp, the pair that gives SharedArrayBuffer', () => {
    expect(ISOLATION_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(ISOLATION_HEADERS['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });

  it('writes them as a _headers file for every path of the site', () => {
    const lines = headersFile().split('\n');
    expect(lines).toContain('/*');
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) {
      expect(lines).toContain(`  ${name}: ${value}`);
    }
    // Netlify's format: the headers are indented under the path they apply to.
    expect(lines.indexOf('/*')).toBeLessThan(
      lines.indexOf('  Cross-Origin-Opener-Policy: same-origin'),
    );
  });
});
