/**
 * tfjs-backend-wasm's threaded SIMD build in Node, so that XNNPACK's products use more than
 * one core. tfjs 4.22 switches the build off in Node (`WASM_HAS_MULTITHREAD_SUPPORT` answers
 * false, tensorflow/tfjs#3830) because three things in its start-up assume a browser:
 *
 * 1. Emscripten's pthread pool starts each worker from `locateFile('….worker.js')`, which
 *    tfjs answers with a `blob:` URL; Node's `worker_threads` refuses it (ERR_WORKER_PATH).
 *    Here the URL tfjs asks for is swapped, for the time of start-up, for a file written to
 *    a private temporary folder: tfjs's own worker code, plus the main script loaded with
 *    `require` (the worker would otherwise `importScripts` a `blob:` URL, which Node's
 *    emulation reads as a file name).
 * 2. tfjs runs XNNPACK on `min(asked, cores / 2)` threads, assuming two hyper-threads a
 *    core; Emscripten counts cores with `os.cpus()`. On a two-vCPU machine that is one
 *    thread, so start-up sees twice the threads asked for (as `requestWasmThreads` does
 *    with `navigator.hardwareConcurrency` in the browser).
 * 3. The pool's workers keep Node's event loop alive, so a finished command would never
 *    exit; they are unref'd once the backend is up.
 *
 * Measured in docs/performance.md ("Two cores in Node").
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type * as nodeOs from 'node:os';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as tfCore from '@tensorflow/tfjs-core';

type TfCore = typeof tfCore;
type OsModule = typeof nodeOs;

/** The pieces of tfjs-backend-wasm this needs; injected so the import stays where it is. */
export interface WasmModuleApi {
  setThreadsCount(n: number): void;
}

/** Emscripten's worker as Node gives it (a `worker_threads` Worker). */
interface PoolWorker {
  unref(): void;
}

/** The part of the Emscripten module tfjs keeps on its backend that holds the pool. */
interface EmscriptenPool {
  PThread?: { unusedWorkers?: PoolWorker[]; runningWorkers?: PoolWorker[] };
}

const require = createRequire(import.meta.url);

/** The folder of tfjs-backend-wasm's Emscripten outputs (the main script and the worker). */
function wasmOutDir(): string {
  return dirname(
    require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'),
  );
}

/**
 * The pthread worker's source: tfjs's worker code (which sets up `self`, `postMessage` and
 * friends for Node itself), then the main script under the name the worker calls, and an
 * `importScripts` that has nothing left to load.
 */
function workerSource(outDir: string): string {
  return [
    '"use strict";',
    `const outDir = ${JSON.stringify(outDir)};`,
    "const { wasmWorkerContents } = require(outDir + '/tfjs-backend-wasm-threaded-simd.worker.js');",
    // tfjs escapes newlines the same way before it makes its Blob.
    "eval(wasmWorkerContents.replace(/\\n/g, '\\\\n'));",
    "global.WasmBackendModuleThreadedSimd = require(outDir + '/tfjs-backend-wasm-threaded-simd.js');",
    'global.importScripts = () => {};',
    '',
  ].join('\n');
}

let workerFile: string | undefined;

/** Writes the worker once per process, in a folder only this user can write, removed at exit. */
function writeWorkerFile(): string {
  if (workerFile !== undefined) return workerFile;
  const folder = mkdtempSync(join(tmpdir(), 'seqlab-wasm-'));
  const file = join(folder, 'pthread-worker.cjs');
  writeFileSync(file, workerSource(wasmOutDir()), { mode: 0o600 });
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  workerFile = file;
  return file;
}

/**
 * Makes the next `tf.setBackend('wasm')` start the threaded build with `threads` XNNPACK
 * threads. Returns the function that undoes the start-up patches; call it once the backend
 * is ready (or has failed), then {@link releaseWasmPool}.
 */
export function prepareThreadedWasm(tf: TfCore, wasm: WasmModuleApi, threads: number): () => void {
  const file = writeWorkerFile();
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj: Blob) =>
    obj instanceof Blob && obj.type === 'application/javascript' ? file : createObjectURL(obj);
  const os = require('node:os') as OsModule;
  const cpus = os.cpus.bind(os);
  os.cpus = () => {
    const real = cpus();
    return Array.from(
      { length: Math.max(real.length, 2 * threads) },
      (_, i) => real[i % real.length]!,
    );
  };
  return () => {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
  };
}

/** Lets the process exit while the pool's workers wait for work. */
export function releaseWasmPool(tf: TfCore): void {
  const pool = (tf.backend() as unknown as { wasm?: EmscriptenPool }).wasm?.PThread;
  for (const worker of [...(pool?.unusedWorkers ?? []), ...(pool?.runningWorkers ?? [])]) {
    worker.unref();
  }
}
