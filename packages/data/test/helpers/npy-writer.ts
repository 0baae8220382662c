/**
 * A minimal `.npy` (v1.0) writer for tests, written from the format description rather
 * than from the parser: magic, version, little-endian u16 header length, a dict literal
 * padded with spaces to a multiple of 64 bytes ending in '\n', then the raw data.
 */
export function npyBytes(
  descr: string,
  shape: number[],
  values: number[],
  fortran = false,
): Uint8Array {
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${tuple}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const size = Number(descr.slice(2));
  const out = new Uint8Array(10 + header.length + values.length * size);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const little = descr[0] !== '>';
  values.forEach((v, i) => {
    const at = 10 + header.length + i * size;
    const kind = descr.slice(1);
    if (kind === 'f4') view.setFloat32(at, v, little);
    else if (kind === 'f8') view.setFloat64(at, v, little);
    else if (kind === 'i4') view.setInt32(at, v, little);
    else if (kind === 'i8') view.setBigInt64(at, BigInt(v), little);
    else throw new Error(`npyBytes: unsupported ${descr}`);
  });
  return out;
}
