/**
 * The safetensors format (the one PyTorch users share weights in): an 8-byte little-endian
 * header length, a JSON header `{name: {dtype, shape, data_offsets: [begin, end]}}`, then the
 * raw little-endian bytes. Pure functions on bytes, so the browser can use them too.
 */

/** One named float32 tensor. */
export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Serialise float32 tensors (sorted by name, as safetensors writers do). */
export function encodeSafetensors(
  tensors: readonly NamedTensor[],
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const sorted = [...tensors].sort((a, b) => a.name.localeCompare(b.name));
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header['__metadata__'] = metadata;
  let offset = 0;
  for (const t of sorted) {
    const bytes = t.data.length * 4;
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  // Pad the header with spaces so the data starts 8-byte aligned (as the reference writer does).
  while ((8 + new TextEncoder().encode(json).length) % 8 !== 0) json += ' ';
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of sorted) {
    for (let i = 0; i < t.data.length; i++) view.setFloat32(at + i * 4, t.data[i] ?? 0, true);
    at += t.data.length * 4;
  }
  return out;
}

/** A parsed file: tensors by name, or why it cannot be read. */
export type DecodeResult =
  | {
      readonly ok: true;
      readonly tensors: Map<string, NamedTensor>;
      readonly metadata: Record<string, string>;
    }
  | { readonly ok: false; readonly error: string };

const DTYPE_BYTES: Readonly<Record<string, number>> = {
  F32: 4,
  F64: 8,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
};

/** Read a safetensors file; every dtype PyTorch writes for weights is converted to float32. */
export function decodeSafetensors(bytes: Uint8Array): DecodeResult {
  if (bytes.length < 8) return { ok: false, error: 'too short to be a safetensors file' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n <= 0 || 8 + n > bytes.length)
    return { ok: false, error: `header length ${n} does not fit the file (${bytes.length} bytes)` };
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<
      string,
      unknown
    >;
  } catch (e) {
    return { ok: false, error: `header is not JSON: ${(e as Error).message}` };
  }
  const base = 8 + n;
  const tensors = new Map<string, NamedTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    const e = entry as { dtype?: string; shape?: number[]; data_offsets?: [number, number] };
    const size = e.dtype ? DTYPE_BYTES[e.dtype] : undefined;
    if (!size || !Array.isArray(e.shape) || !Array.isArray(e.data_offsets)) {
      return {
        ok: false,
        error: `tensor ${name}: unsupported or malformed entry (dtype ${String(e.dtype)})`,
      };
    }
    const [begin, end] = e.data_offsets;
    const count = e.shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * size || base + end > bytes.length) {
      return {
        ok: false,
        error: `tensor ${name}: ${count} elements of ${e.dtype} do not match bytes ${begin}..${end}`,
      };
    }
    const data = new Float32Array(count);
    const at = base + begin;
    for (let i = 0; i < count; i++) data[i] = readElement(view, e.dtype ?? 'F32', at + i * size);
    tensors.set(name, { name, shape: e.shape, data });
  }
  return { ok: true, tensors, metadata };
}

function readElement(view: DataView, dtype: string, at: number): number {
  switch (dtype) {
    case 'F32':
      return view.getFloat32(at, true);
    case 'F64':
      return view.getFloat64(at, true);
    case 'I32':
      return view.getInt32(at, true);
    case 'I64':
      return Number(view.getBigInt64(at, true));
    case 'BF16':
      return bf16(view.getUint16(at, true));
    default:
      return f16(view.getUint16(at, true));
  }
}

function bf16(bits: number): number {
  const buf = new DataView(new ArrayBuffer(4));
  buf.setUint32(0, bits << 16);
  return buf.getFloat32(0);
}

function f16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}
