/**
 * A tiny static file server (node:http) for browser tests and benchmarks: the playground's
 * e2e tests load its dist/ the way any static host would, the bench page loads its bundle.
 * Loopback only; the port is chosen by the OS. Shared with tools/bench/browser.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { ISOLATION_HEADERS } from '../build/isolation-headers.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  // The wasm backend compiles with instantiateStreaming, which insists on this type.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/** A running server and how to stop it. */
export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** How to serve. */
export interface ServeOptions {
  /**
   * Send the COOP/COEP headers that make the page cross-origin isolated, so that
   * SharedArrayBuffer exists and tfjs's threaded wasm build can start (issue 17).
   */
  readonly crossOriginIsolated?: boolean;
}

/** Serve `dir` on 127.0.0.1 under `prefix` (a sub-path proves the build's paths are relative). */
export async function serveStatic(
  dir: string,
  prefix = '/',
  options: ServeOptions = {},
): Promise<StaticServer> {
  const root = normalize(dir);
  const extra = options.crossOriginIsolated ? ISOLATION_HEADERS : {};
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...extra,
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
