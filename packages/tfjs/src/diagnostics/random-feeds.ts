/**
 * Random inputs for a model without data: float inputs ~ N(0, 1), token inputs uniform
 * below their vocabulary bound; the first dim is the batch, every other symbolic dim the
 * number of steps. No lengths: every sequence is full length.
 */
import type { IrModule } from '@seqlab/ir';
import { createRng } from '../rng.js';
import type { Feeds, Tf } from '../types.js';

/** Seeded random feeds of `batch` sequences of `steps` steps for `module`'s inputs. */
export function randomFeeds(
  tf: Tf,
  module: IrModule,
  batch: number,
  steps: number,
  seed = 0,
): Feeds {
  const rng = createRng(seed);
  const inputs: Feeds['inputs'] = {};
  for (const port of module.inputs) {
    const type = module.graph.values[port.value]?.type;
    if (type === undefined) throw new Error(`randomFeeds: input ${port.name} has no type`);
    const shape = type.shape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? batch : steps));
    const size = shape.reduce((a, b) => a * b, 1);
    const values =
      type.dtype === 'int32'
        ? Int32Array.from({ length: size }, () =>
            Math.floor(rng.uniform() * Math.max(1, type.vocab ?? 2)),
          )
        : Float32Array.from({ length: size }, () => rng.normal());
    (inputs as Record<string, ReturnType<Tf['tensor']>>)[port.name] = tf.tensor(
      values,
      shape,
      type.dtype,
    );
  }
  return { inputs };
}
