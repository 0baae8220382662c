/**
 * Debian's Chromium driven by playwright-core (browsers cannot be downloaded here). WebGL
 * runs on SwiftShader, which is what makes the `webgl` backend available headless.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's package puts the browser (override with SEQLAB_CHROMIUM). */
export const CHROMIUM_PATH = process.env['SEQLAB_CHROMIUM'] ?? '/usr/lib/chromium/chromium';

/** The flags the brief asks for: software GL, no sandbox (CI runs as root), no network chatter. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Whether the browser is installed. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Launch it headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    headless: true,
  });
}
