/**
 * Cross-origin isolation for the playground: with these headers a page gets
 * SharedArrayBuffer, and tfjs's wasm backend loads its threaded build, so a wasm fallback
 * can use more than one core (issue 17). One source for the dev server, `vite preview`,
 * the e2e/bench static server and the `_headers` file the static build ships. Hosts that
 * cannot send headers (GitHub Pages) serve the page without them; tfjs then picks the
 * single-thread build and nothing else changes.
 */

/** The headers of a cross-origin isolated site whose resources are all same-origin. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The same headers as a `_headers` file (the format Netlify and Cloudflare Pages read):
 * every path of the site gets them.
 */
export function headersFile(): string {
  const lines = Object.entries(ISOLATION_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return ['# Cross-origin isolation: lets the wasm backend run threads.', '/*', ...lines, ''].join(
    '\n',
  );
}
