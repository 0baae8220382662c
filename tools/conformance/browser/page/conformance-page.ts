/**
 * The conformance page's entry (bundled by ../build-page.ts): starts the GPU backend named by
 * `?backend=` (webgl or webgpu, never a fallback) and puts `window.seqlabConformance` on the
 * page, which runs the PyTorch fixtures (fetched from ./fixtures/, a copy of the repo's)
 * through the same check as the Node suites (../../check-run.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
// Registers webgl (with wasm and cpu) and seqlab's webgl kernels; webgpu registers itself.
import { installWebglKernels } from '@seqlab/backend-webgl';
import '@seqlab/backend-webgpu';
import { checkRunFilesAsync, type RunFiles } from '../../check-run.js';
import {
  decodeRunFile,
  runLabel,
  type CaseEntry,
  type Manifest,
  type RunEntry,
} from '../../fixture-format.js';
import { runKey, type BrowserRunResult, type PageStart } from '../types.js';
import { gpuRenderer } from './renderer.js';

const message = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);

async function fetchOk(path: string): Promise<Response> {
  const r = await fetch(new URL(`fixtures/${path}`, document.baseURI));
  if (!r.ok) throw new Error(`fixtures/${path}: HTTP ${r.status}`);
  return r;
}

const bytes = async (path: string): Promise<Uint8Array> =>
  new Uint8Array(await (await fetchOk(path)).arrayBuffer());

let manifest: Promise<Manifest> | undefined;
const readManifest = (): Promise<Manifest> =>
  (manifest ??= fetchOk('manifest.json').then((r) => r.json() as Promise<Manifest>));

async function start(): Promise<PageStart> {
  const requested = new URLSearchParams(location.search).get('backend') ?? 'webgl';
  const userAgent = navigator.userAgent;
  // lowerModule installs seqlab's kernels for whichever backend is active (none for webgpu).
  installWebglKernels();
  let error: string | undefined;
  try {
    // setBackend resolves false (rather than throwing) when, e.g., WebGPU has no adapter.
    if (!(await tf.setBackend(requested))) error = `${requested} could not start`;
    await tf.ready();
  } catch (e) {
    error = `${requested} failed: ${message(e)}`;
  }
  const backend = tf.getBackend() ?? 'none';
  if (error === undefined && backend !== requested) error = `${requested} is not active`;
  const renderer = gpuRenderer(backend);
  return { backend, renderer, userAgent, ...(error === undefined ? {} : { error }) };
}

/** One run, timed; a throw becomes the result's error. */
async function runOne(c: CaseEntry, run: RunEntry, source: string, weights: Uint8Array) {
  const started = performance.now();
  const base = { case: c.name, file: run.file, label: runLabel(run) };
  try {
    const files: RunFiles = {
      source: { path: `${c.name}/model.seq`, text: source },
      weights,
      tensors: decodeRunFile(`${c.name}/${run.file}`, await bytes(`${c.name}/${run.file}`)),
    };
    const result = await checkRunFilesAsync(tf, c, run, files);
    return { ...base, ms: performance.now() - started, result };
  } catch (e) {
    return { ...base, ms: performance.now() - started, error: message(e) };
  }
}

async function runFixtures(keys: readonly string[]): Promise<BrowserRunResult[]> {
  const { cases } = await readManifest();
  const out: BrowserRunResult[] = [];
  for (const c of cases) {
    const runs = c.runs.filter((r) => keys.length === 0 || keys.includes(runKey(c.name, r.file)));
    if (runs.length === 0) continue;
    const source = await (await fetchOk(`${c.name}/model.seq`)).text();
    const weights = await bytes(`${c.name}/weights.safetensors`);
    for (const run of runs) out.push(await runOne(c, run, source, weights));
  }
  return out;
}

window.seqlabConformance = { ready: start(), runFixtures };
