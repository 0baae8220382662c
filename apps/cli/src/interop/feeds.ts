/**
 * Turning `.npy` arrays into a model's feeds, checked against its declared inputs: every
 * input given once, ranks and fixed dims as declared, symbolic dims (`B`, `T`) consistent
 * across inputs, token ids integers below the vocabulary, lengths within `0..T`.
 */
import type { NpyArray } from '@seqlab/data';
import { formatShape, type IrModule } from '@seqlab/ir';
import type { Feeds, Tf } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';

/** One array read from a file. */
export interface NamedArray {
  readonly path: string;
  readonly array: NpyArray;
}

const shapeText = (shape: readonly number[]): string => `(${shape.join(', ')})`;

function isInt(a: NpyArray): boolean {
  return a.dtype === 'int32' || a.dtype === 'int64';
}

/** Binds symbolic dims to sizes, failing when one symbol gets two sizes. */
class DimBinder {
  readonly sizes = new Map<string, { size: number; from: string }>();
  bind(symbol: string, size: number, from: string): void {
    const had = this.sizes.get(symbol);
    if (had !== undefined && had.size !== size) {
      throw new UsageError(
        `${from}: ${symbol} is ${size} here but ${had.size} in ${had.from} (inputs sharing ${symbol} must agree)`,
      );
    }
    if (had === undefined) this.sizes.set(symbol, { size, from });
  }
}

function checkIds(name: string, item: NamedArray, vocab: number | undefined): void {
  const { data } = item.array;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ?? 0;
    if (v < 0 || (vocab !== undefined && v >= vocab)) {
      throw new UsageError(
        `${item.path}: input ${name} holds token id ${v} at flat index ${i}; ids must be in 0..${(vocab ?? Infinity) - 1}`,
      );
    }
  }
}

/** Validates `inputs` and `lengths` (by input name / time symbol) and makes the tensors. */
export function buildFeeds(
  tf: Tf,
  m: IrModule,
  inputs: ReadonlyMap<string, NamedArray>,
  lengths: ReadonlyMap<string, NamedArray>,
): Feeds {
  const declared = m.inputs.map((p) => p.name);
  for (const name of inputs.keys()) {
    if (!declared.includes(name)) {
      throw new UsageError(
        `--input ${name}: the model has no such input; its inputs: ${declared.join(', ')}`,
      );
    }
  }
  const dims = new DimBinder();
  const out: Record<string, ReturnType<Tf['tensor']>> = {};
  for (const port of m.inputs) {
    const item = inputs.get(port.name);
    const type = m.graph.values[port.value]?.type;
    if (type === undefined) throw new Error(`input ${port.name} has no type`);
    if (item === undefined) {
      throw new UsageError(`missing --input ${port.name}=FILE.npy (${formatShape(type.shape)})`);
    }
    const { array, path } = item;
    const want = `${port.name} is ${formatShape(type.shape)}${type.dtype === 'int32' ? ' int' : ''}`;
    if (array.shape.length !== type.shape.length) {
      throw new UsageError(
        `${path}: input ${want} but the file has shape ${shapeText(array.shape)}`,
      );
    }
    type.shape.forEach((d, i) => {
      const got = array.shape[i] ?? 0;
      if (typeof d === 'number' && d !== got) {
        throw new UsageError(
          `${path}: input ${want} but the file has shape ${shapeText(array.shape)}`,
        );
      }
      if (typeof d === 'string') dims.bind(d, got, path);
    });
    if (type.dtype === 'int32') {
      if (!isInt(array)) {
        throw new UsageError(
          `${path}: input ${port.name} takes integer token ids (int32 or int64); the file holds ${array.dtype}`,
        );
      }
      checkIds(port.name, item, type.vocab);
      out[port.name] = tf.tensor(Int32Array.from(array.data), array.shape, 'int32');
    } else {
      out[port.name] = tf.tensor(Float32Array.from(array.data), array.shape, 'float32');
    }
  }
  return { inputs: out, lengths: lengthTensors(tf, m, lengths, dims) };
}

/** The `--lengths` arrays as tensors, checked against the model's time axes and the inputs. */
function lengthTensors(
  tf: Tf,
  m: IrModule,
  lengths: ReadonlyMap<string, NamedArray>,
  dims: DimBinder,
): Record<string, ReturnType<Tf['tensor1d']>> {
  const symbols = Object.keys(m.graph.lengths ?? {});
  const lens: Record<string, ReturnType<Tf['tensor1d']>> = {};
  for (const [symbol, item] of lengths) {
    if (!symbols.includes(symbol)) {
      if (!dims.sizes.has(symbol) || symbol === 'B') {
        throw new UsageError(
          `--lengths ${symbol}: the model has no time axis ${symbol}${symbols.length ? `; its time axes: ${symbols.join(', ')}` : ''}`,
        );
      }
      // A real axis whose padding no layer looks at (e.g. a pure conv stack): nothing to mask.
      process.stderr.write(
        `note: no layer masks padding along ${symbol}; --lengths ${symbol} ignored\n`,
      );
      continue;
    }
    const { array, path } = item;
    const batch = dims.sizes.get('B')?.size;
    if (
      !isInt(array) ||
      array.shape.length !== 1 ||
      (batch !== undefined && array.shape[0] !== batch)
    ) {
      throw new UsageError(
        `${path}: lengths of ${symbol} must be integers shaped (B,)${batch === undefined ? '' : ` = (${batch},)`}; got ${array.dtype} ${shapeText(array.shape)}`,
      );
    }
    const steps = dims.sizes.get(symbol)?.size;
    const bad = Array.from(array.data).findIndex(
      (v) => v < 0 || (steps !== undefined && v > steps),
    );
    if (bad >= 0) {
      throw new UsageError(
        `${path}: length ${array.data[bad]} at index ${bad} is outside 0..${steps ?? '?'} (${symbol})`,
      );
    }
    lens[symbol] = tf.tensor1d(Int32Array.from(array.data), 'int32');
  }
  return lens;
}
