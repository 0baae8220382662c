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

/** A parse step's value, or the diagnostics that say why there is none. */
type Parsed<T> =
  { value: T; diagnostics?: undefined } | { value?: undefined; diagnostics: Diagnostic[] };

/** Where the header text sits in the file, and where the data begins. */
interface Preamble {
  header: string;
  headerStart: number;
  dataOffset: number;
}

/** What the header dict says about the data. */
interface HeaderFields {
  kind: { dtype: NpyDtype; size: number };
  shape: number[];
}

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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const preamble = readPreamble(bytes, view, file);
  if (!preamble.value) return preamble;
  const { dataOffset } = preamble.value;
  const fields = parseHeader(preamble.value, file);
  if (!fields.value) return fields;
  const { kind, shape } = fields.value;
  const count = shape.reduce((a, b) => a * b, 1);
  const need = count * kind.size;
  const have = bytes.length - dataOffset;
  if (have !== need) {
    return npyFail(
      file,
      DataCodes.npySize,
      `shape (${shape.join(', ')}) needs ${need} bytes of ${kind.dtype} data, the file has ${have}`,
      dataOffset,
      bytes.length,
    );
  }
  const data = readElements(view, dataOffset, kind, count, file);
  if (!data.value) return data;
  return { array: { dtype: kind.dtype, shape, data: data.value, dataOffset, itemSize: kind.size } };
}

/** A single diagnostic on bytes `start..end` of `file`. */
function npyFail(
  file: string,
  code: DataCode,
  message: string,
  start = 0,
  end = start,
): { value?: undefined; diagnostics: Diagnostic[] } {
  return { diagnostics: [dataError(code, message, fileSpan(file, start, end))] };
}

/** The magic string, the format version and the header length: where header and data lie. */
function readPreamble(bytes: Uint8Array, view: DataView, file: string): Parsed<Preamble> {
  if (bytes.length === 0) return npyFail(file, DataCodes.emptyFile, 'the file is empty');
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    return npyFail(
      file,
      DataCodes.npyHeader,
      'not a .npy file (missing the \\x93NUMPY magic string)',
      0,
      6,
    );
  }
  const major = bytes[6] ?? 0;
  if (major < 1 || major > 3)
    return npyFail(file, DataCodes.npyHeader, `unsupported .npy format version ${major}`, 6, 8);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes)
    return npyFail(file, DataCodes.npyHeader, 'truncated .npy header', 0, bytes.length);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lenBytes;
  const dataOffset = headerStart + headerLen;
  if (dataOffset > bytes.length)
    return npyFail(file, DataCodes.npyHeader, 'truncated .npy header', 0, bytes.length);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, dataOffset),
  );
  return { value: { header, headerStart, dataOffset } };
}

/** The header dict's dtype and shape, refusing layouts this reader does not handle. */
function parseHeader(
  { header, headerStart, dataOffset }: Preamble,
  file: string,
): Parsed<HeaderFields> {
  const fail = (code: DataCode, message: string) =>
    npyFail(file, code, message, headerStart, dataOffset);
  const hdr = (message: string) => fail(DataCodes.npyHeader, `header: ${message}`);

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
    );
  }
  if (m[1] === '>') {
    return fail(
      DataCodes.npyDtype,
      `big-endian dtype '${descr}' is not supported; save little-endian`,
    );
  }
  if (fortran === 'True' && shape.length > 1) {
    return hdr('Fortran-order arrays are not supported; save with np.ascontiguousarray');
  }
  return { value: { kind, shape } };
}

/** Decode `count` little-endian elements from `dataOffset`; int64 must fit a double exactly. */
function readElements(
  view: DataView,
  dataOffset: number,
  kind: HeaderFields['kind'],
  count: number,
  file: string,
): Parsed<NpyArray['data']> {
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
          return npyFail(
            file,
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
  return { value: data };
}
