/**
 * Debian's Chromium driven by playwright-core (no browser downloads here). WebGL runs on
 * SwiftShader, which is what makes the webgl backend start headless. Shared by the
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

/** The installed browser, or undefined. */
export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

/** The message when it is missing: what to install. */
export const MISSING_CHROMIUM =
  `Chromium not found (looked at ${CHROMIUM_CANDIDATES.join(', ')}): ` +
  'install it with `apt-get install -y chromium` or set SEQLAB_CHROMIUM to its path';

/** Launch it headless; throws MISSING_CHROMIUM when it is not installed. */
export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(MISSING_CHROMIUM);
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
}
