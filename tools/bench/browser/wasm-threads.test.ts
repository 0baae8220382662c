import { describe, expect, it } from 'vitest';
import { formatThreadTable, openThreadPages } from './wasm-threads.js';

describe('two cores in the browser (wasm threads)', () => {
  it('tabulates the speed-up, or why a cell has none', () => {
    const table = formatThreadTable(
      [
        {
          model: 'cnn',
          size: 'large',
          oneThreadMs: 400,
          pooledMs: 250,
          oneThreadFlavour: '',
          pooledFlavour: '',
        },
        {
          model: 'rnn',
          size: 'large',
          oneThreadMs: 9.5,
          oneThreadFlavour: '',
          pooledFlavour: '',
          error: 'timed out',
        },
      ],
      2,
    );
    expect(table.split('\n')).toEqual([
      '| model | size | 1 thread ms/step | 2 threads ms/step | speed-up |',
      '| --- | --- | ---: | ---: | ---: |',
      '| cnn | large | 400 | 250 | 1.60× |',
      '| rnn | large | 9.50 |  | timed out |',
    ]);
  });

  it('runs the threaded build with two threads only on the cross-origin isolated page', async () => {
    const { pages, close } = await openThreadPages(2);
    try {
      expect(pages[0].info?.renderer).toBe('WebAssembly SIMD, single-thread build, 1 thread');
      expect(pages[1].info?.renderer).toBe('WebAssembly SIMD, threaded build, 2 threads');
      // Both train: one tiny cell each, so a broken pool shows up as an error, not a time.
      const cell = {
        engine: 'seqlab',
        model: 'lstm',
        batch: 4,
        time: 5,
        inputSize: 8,
        hidden: 16,
        steps: 2,
        warmup: 1,
        seed: 1,
      } as const;
      for (const page of pages)
        expect((await page.run(cell, 120_000)).msPerStep).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});
