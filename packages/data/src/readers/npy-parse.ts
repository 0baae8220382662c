import type { Diagnostic } from '@seqlab/diagnostics';
import { DataCodes, dataError, fileSpan, type DataCode } from '../codes.js';

/** Element types read from `.npy` files (little-endian). */
export type NpyDtype = 'float32' | 'float64' | 'int32' | 'int64';

/** A parsed `.npy` array. int64 data is held as float64 (checked to be exact). */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array;
  /** Byte offset of the first element in the file (for diagnostics spans). */
  dataOffset: number;
  /** Bytes per element in the file. */
  itemSize: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const DTYPES: Record<string, { dtype: NpyDtype; size: number }> = {
  f4: { dtype: 'float32', size: 4 },
  f8: { dtype: 'float64', size: 8 },
  i4: { dtype: 'int32', size: 4 },
  i8: { dtype: 'int64', size: 8 },
};

/**
 * Parse a `.npy` file (format versions 1–3): the magic string, the header (a Python dict
 * literal with `descr`, `fortran_order`, `shape`), then raw C-order little-endian data.
 * Read through a DataView because the data offset need not be aligned for a typed-array
 * view.
 */
export function parseNpy(
  bytes: Uint8Array,
  file: string,
): { array: NpyArray; diagnostics?: undefined } | { array?: undefined; diagnostics: Diagnostic[] } {
  const fail = (code: DataCode, message: string, start = 0, end = start) => ({
    diagnostics: [dataError(code, message, fileSpan(file, start, end))],
  });
  if (bytes.length === 0) return fail(DataCodes.emptyFile, 'the file is empty');
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    return fail(DataCodes.npyHeader, 'not a .npy file (missing the \\x93NUMPY magic string)', 0, 6);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6] ?? 0;
  if (major < 1 || major > 3)
    return fail(DataCodes.npyHeader, `unsupported .npy format version ${major}`, 6, 8);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes)
    return fail(DataCodes.npyHeader, 'truncated .npy header', 0, bytes.length);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lenBytes;
  const dataOffset = headerStart + headerLen;
  if (dataOffset > bytes.length)
    return fail(DataCodes.npyHeader, 'truncated .npy header', 0, bytes.length);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, dataOffset),
  );
  const hdr = (message: string) =>
    fail(DataCodes.npyHeader, `header: ${message}`, headerStart, dataOffset);

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    return hdr(`expected 'descr', 'fortran_order' and 'shape' in ${JSON.stringify(header.trim())}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) return hdr(`bad shape (${shapeText})`);
  const m = /^([<>|=]?)([a-zA-Z])(\d+)$/.exec(descr);
  const kind = m ? DTYPES[`${m[2]}${m[3]}`] : undefined;
  if (!m || !kind) {
    return fail(
      DataCodes.npyDtype,
      `unsupported dtype '${descr}'; expected float32, float64, int32 or int64`,
      headerStart,
      dataOffset,
    );
  }
  if (m[1] === '>') {
    return fail(
      DataCodes.npyDtype,
      `big-endian dtype '${descr}' is not supported; save little-endian`,
      headerStart,
      dataOffset,
    );
  }
  if (fortran === 'True' && shape.length > 1) {
    return hdr('Fortran-order arrays are not supported; save with np.ascontiguousarray');
  }
  const count = shape.reduce((a, b) => a * b, 1);
  const need = count * kind.size;
  const have = bytes.length - dataOffset;
  if (have !== need) {
    return fail(
      DataCodes.npySize,
      `shape (${shape.join(', ')}) needs ${need} bytes of ${kind.dtype} data, the file has ${have}`,
      dataOffset,
      bytes.length,
    );
  }
  const data =
    kind.dtype === 'float32'
      ? new Float32Array(count)
      : kind.dtype === 'int32'
        ? new Int32Array(count)
        : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = dataOffset + i * kind.size;
    switch (kind.dtype) {
      case 'float32':
        data[i] = view.getFloat32(at, true);
        break;
      case 'float64':
        data[i] = view.getFloat64(at, true);
        break;
      case 'int32':
        data[i] = view.getInt32(at, true);
        break;
      case 'int64': {
        const big = view.getBigInt64(at, true);
        if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
          return fail(
            DataCodes.npyDtype,
            `int64 element ${i} (${big}) is too large to represent exactly`,
            at,
            at + 8,
          );
        }
        data[i] = Number(big);
        break;
      }
    }
  }
  return { array: { dtype: kind.dtype, shape, data, dataOffset, itemSize: kind.size } };
}
