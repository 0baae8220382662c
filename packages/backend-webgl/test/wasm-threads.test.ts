import { afterEach, describe, expect, it } from 'vitest';
import { canRunWasmThreads, requestWasmThreads } from '../src/wasm-threads.js';

/** Plays a browser page: cross-origin isolated or not, with `cores` logical cores. */
function playPage(isolated: boolean, cores: number): void {
  Object.defineProperty(globalThis, 'crossOriginIsolated', { value: isolated, configurable: true });
  Object.defineProperty(globalThis, 'navigator', {
    value: { hardwareConcurrency: cores },
    configurable: true,
  });
}

const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'crossOriginIsolated');
  if (saved) Object.defineProperty(globalThis, 'navigator', saved);
  else Reflect.deleteProperty(globalThis, 'navigator');
});

describe('requestWasmThreads', () => {
  it('gives one thread where the page is not cross-origin isolated', () => {
    playPage(false, 2);
    expect(canRunWasmThreads()).toBe(false);
    expect(requestWasmThreads(2)).toBe(1);
    expect(globalThis.navigator.hardwareConcurrency).toBe(2);
  });

  it("lifts tfjs's halving cap on an isolated page so two real cores give two threads", () => {
    playPage(true, 2);
    expect(canRunWasmThreads()).toBe(true);
    expect(requestWasmThreads(2)).toBe(2);
    // tfjs 4.22 uses min(request, hardwareConcurrency / 2) threads.
    expect(globalThis.navigator.hardwareConcurrency / 2).toBe(2);
  });

  it('leaves a machine with enough logical cores alone, and one thread asks for nothing', () => {
    playPage(true, 16);
    expect(requestWasmThreads(4)).toBe(4);
    expect(globalThis.navigator.hardwareConcurrency).toBe(16);
    expect(requestWasmThreads(1)).toBe(1);
    expect(requestWasmThreads(0.5)).toBe(1);
  });
});
