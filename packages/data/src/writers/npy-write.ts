/**
 * Writing `.npy` (format 1.0): the magic string, a little-endian u16 header length, a Python
 * dict literal padded with spaces to a multiple of 64 bytes and ending in a newline, then
 * the raw C-order little-endian data. numpy reads the result with `np.load`.
 */

/** Element types the writer produces. */
export type NpyWriteDtype = 'float32' | 'float64' | 'int32' | 'int64';

const DESCR: Readonly<Record<NpyWriteDtype, { descr: string; size: number }>> = {
  float32: { descr: '<f4', size: 4 },
  float64: { descr: '<f8', size: 8 },
  int32: { descr: '<i4', size: 4 },
  int64: { descr: '<i8', size: 8 },
};

/** Encodes `data` (row-major, `shape`) as a `.npy` file. Throws if the sizes disagree. */
export function encodeNpy(
  dtype: NpyWriteDtype,
  shape: readonly number[],
  data: ArrayLike<number>,
): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new Error(
      `encodeNpy: shape (${shape.join(', ')}) needs ${count} values, got ${data.length}`,
    );
  }
  const { descr, size } = DESCR[dtype];
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${tuple}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + count * size);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const at = 10 + header.length;
  for (let i = 0; i < count; i++) {
    const v = data[i] ?? 0;
    if (dtype === 'float32') view.setFloat32(at + i * 4, v, true);
    else if (dtype === 'float64') view.setFloat64(at + i * 8, v, true);
    else if (dtype === 'int32') view.setInt32(at + i * 4, v, true);
    else view.setBigInt64(at + i * 8, BigInt(Math.trunc(v)), true);
  }
  return out;
}
