/**
 * Backend choice. tfjs-node(-gpu) cannot be installed on this machine, so their path is
 * exercised with an importer that plays an installed package registering a "tensorflow"
 * backend (built on the cpu kernels), and with the real "not installed" failure.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeLoader, setupBackend, type PackageLoader } from '../src/index.js';

/** Node's resolution, with vitest's own import for loading. */
const real: PackageLoader = { isInstalled: nodeLoader.isInstalled, load: (pkg) => import(pkg) };

afterEach(() => {
  if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
});

describe('setupBackend', () => {
  it('auto picks wasm here, after reporting the missing tfjs-node packages', async () => {
    const r = await setupBackend(undefined, real);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.choice).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(r.skipped).toEqual([
      expect.stringMatching(
        /^tfjs-node-gpu is not installed \(npm install @tensorflow\/tfjs-node-gpu@4\.22\.0\)$/,
      ),
      expect.stringMatching(
        /^tfjs-node is not installed \(npm install @tensorflow\/tfjs-node@4\.22\.0\)$/,
      ),
    ]);
    // The backend computes.
    expect(Array.from(tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).dataSync())).toEqual([4, 6]);
  });

  it('a named backend that is not installed is one line with the install command', async () => {
    const r = await setupBackend('tfjs-node-gpu', real);
    expect(r).toEqual({
      ok: false,
      message:
        'backend tfjs-node-gpu is not installed (npm install @tensorflow/tfjs-node-gpu@4.22.0)',
    });
  });

  it('an unknown name lists the choices', async () => {
    const r = await setupBackend('webgpu', real);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('tfjs-node-gpu, tfjs-node, wasm, cpu or auto');
  });

  it('cpu on request', async () => {
    const r = await setupBackend('cpu', real);
    expect(r.ok && r.choice).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('uses an installed tfjs-node first (simulated package registering "tensorflow")', async () => {
    const fakeNode: PackageLoader = {
      isInstalled: (pkg) => pkg === '@tensorflow/tfjs-node' || real.isInstalled(pkg),
      load: async (pkg) => {
        if (pkg === '@tensorflow/tfjs-node') {
          tf.registerBackend('tensorflow', () => new MathBackendCPU(), 3);
          return {};
        }
        return real.load(pkg);
      },
    };
    const r = await setupBackend(undefined, fakeNode);
    expect(r.ok && r.choice).toBe('tfjs-node');
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('tells an installed-but-broken package from a missing one', async () => {
    const broken: PackageLoader = {
      isInstalled: () => true,
      load: async (pkg) => {
        if (pkg === '@tensorflow/tfjs-node-gpu') {
          throw new Error('libcudart.so.11.0: cannot open shared object file');
        }
        return real.load(pkg);
      },
    };
    const r = await setupBackend('tfjs-node-gpu', broken);
    expect(r).toEqual({
      ok: false,
      message:
        'backend tfjs-node-gpu is installed but failed to load: libcudart.so.11.0: cannot open shared object file',
    });
  });
});
