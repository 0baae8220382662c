/**
 * Debian's Chromium driven by playwright-core (no browser downloads here). WebGL runs on
 * SwiftShader, which is what makes the webgl backend start headless; launched with
 * `{ webgpu: true }`, WebGPU gets SwiftShader's software adapter too. Shared by the
 * playground e2e tests and tools/bench/browser.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian puts the browser, first match wins (override with SEQLAB_CHROMIUM). */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  ...(process.env['SEQLAB_CHROMIUM'] ? [process.env['SEQLAB_CHROMIUM']] : []),
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
];

/** Software GL, no sandbox (CI runs as root), no network chatter. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless=new',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The switches that give headless Chromium a working WebGPU: SwiftShader's software adapter,
 * on a secure origin only (`http://127.0.0.1:PORT`, not `data:` or `file:`). Measured on
 * Chromium 156 here: `--enable-unsafe-webgpu` alone already gives the adapter (naming it
 * keeps a real GPU out of the tests where one exists), and asynchronous reads work; but
 * tfjs's synchronous read (a copy through a canvas, which the training step uses) gives
 * zeros, and reads after it fail with "A valid external Instance reference no longer
 * exists", unless Chromium's own Vulkan is SwiftShader too (`--use-vulkan=swiftshader` with
 * `--enable-features=Vulkan`; neither alone is enough). Without any of these `navigator.gpu`
 * exists but `requestAdapter()` gives null.
 */
export const WEBGPU_ARGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
];

/** How to launch. */
export interface LaunchOptions {
  /** Add {@link WEBGPU_ARGS}, so the webgpu backend can start. */
  readonly webgpu?: boolean;
  /** More switches, after the others (a test of a partial WebGPU set-up, say). */
  readonly extraArgs?: readonly string[];
}

/** The installed browser, or undefined. */
export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

/** The message when it is missing: what to install. */
export const MISSING_CHROMIUM =
  `Chromium not found (looked at ${CHROMIUM_CANDIDATES.join(', ')}): ` +
  'install it with `apt-get install -y chromium` or set SEQLAB_CHROMIUM to its path';

/** Launch it headless; throws MISSING_CHROMIUM when it is not installed. */
export function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(MISSING_CHROMIUM);
  const args = [...CHROMIUM_ARGS, ...(opts.webgpu ? WEBGPU_ARGS : []), ...(opts.extraArgs ?? [])];
  return chromium.launch({ executablePath, args, headless: true });
}
