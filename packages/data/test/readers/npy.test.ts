import { describe, expect, it } from 'vitest';
import { DataCodes, parseNpy, readDataset } from '../../src/index.js';
import { allExamples, ok } from '../helpers/expect-diagnostic.js';
import { npyBytes } from '../helpers/npy-writer.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('parseNpy', () => {
  it('reads every supported dtype and the shape', () => {
    for (const descr of ['<f4', '<f8', '<i4', '<i8']) {
      const r = parseNpy(npyBytes(descr, [2, 3], [1, 2, 3, -4, 5, 6]), 'a.npy');
      expect(r.array?.shape).toEqual([2, 3]);
      expect(Array.from(r.array?.data ?? [])).toEqual([1, 2, 3, -4, 5, 6]);
    }
    expect(parseNpy(npyBytes('<f4', [1], [0.5]), 'a.npy').array?.dtype).toBe('float32');
    expect(parseNpy(npyBytes('<i8', [1], [7]), 'a.npy').array?.dtype).toBe('int64');
  });

  it('rejects bad magic, unsupported dtypes, big-endian, Fortran order and truncation', () => {
    const code = (bytes: Uint8Array) => parseNpy(bytes, 'a.npy').diagnostics?.[0]?.code;
    expect(code(new TextEncoder().encode('not numpy at all'))).toBe(DataCodes.npyHeader);
    expect(code(new Uint8Array())).toBe(DataCodes.emptyFile);
    expect(code(npyBytes('<u2', [0], []))).toBe(DataCodes.npyDtype);
    expect(code(npyBytes('>f4', [1], [1]))).toBe(DataCodes.npyDtype);
    expect(code(npyBytes('<f4', [2, 2], [1, 2, 3, 4], true))).toBe(DataCodes.npyHeader);
    const full = npyBytes('<f8', [4], [1, 2, 3, 4]);
    const d = parseNpy(full.subarray(0, full.length - 3), 'a.npy').diagnostics?.[0];
    expect(d?.code).toBe(DataCodes.npySize);
    expect(d?.message).toMatch(/needs 32 bytes .* has 29/);
  });
});

describe('readDataset npy', () => {
  const X = npyBytes('<f4', [4, 3, 2], range(24));

  it('X [N, T, D] with integer y: classification with class id = label', () => {
    const y = npyBytes('<i8', [4], [0, 2, 1, 2]);
    const ds = ok(readDataset(X, 'npy', { file: 'X.npy', y: { bytes: y, file: 'y.npy' } }));
    expect(ds.task).toBe('classify');
    expect(ds.fields[0]).toMatchObject({ kind: 'vectors', width: 2 });
    expect(ds.fields[1]?.vocab?.tokens).toEqual(['0', '1', '2']);
    const all = allExamples(ds);
    expect(all).toHaveLength(4);
    expect(all).toContainEqual({
      x: [
        [6, 7],
        [8, 9],
        [10, 11],
      ],
      y: 2,
    });
  });

  it('float y [N, W]: regression values; X [N, T] is width 1', () => {
    const y = npyBytes('<f8', [2, 2], [0.5, 1, 1.5, 2]);
    const ds = ok(
      readDataset(npyBytes('<f8', [2, 3], range(6)), 'npy', {
        file: 'X.npy',
        y: { bytes: y, file: 'y.npy' },
      }),
    );
    expect(ds.task).toBe('regress');
    expect(ds.fields[1]).toMatchObject({ kind: 'values', width: 2 });
    expect(allExamples(ds)).toContainEqual({ x: [[3], [4], [5]], y: [1.5, 2] });
  });

  it('names the file and element of NaN data, mismatched N and a missing y', () => {
    const nan = npyBytes('<f4', [2, 2, 1], [0, 1, Number.NaN, 3]);
    const r = readDataset(nan, 'npy', {
      file: 'X.npy',
      y: { bytes: npyBytes('<i4', [2], [0, 1]), file: 'y.npy' },
    });
    const d = r.diagnostics?.[0];
    expect(d).toMatchObject({ code: DataCodes.notANumber, span: { file: 'X.npy' } });
    expect(d?.message).toMatch(/element \[1, 0, 0\]: NaN/);
    // the span covers the 4 bytes of that float
    expect(new DataView(nan.buffer).getFloat32(d?.span.start ?? 0, true)).toBeNaN();
    expect((d?.span.end ?? 0) - (d?.span.start ?? 0)).toBe(4);

    const short = readDataset(X, 'npy', {
      file: 'X.npy',
      y: { bytes: npyBytes('<i4', [3], [0, 1, 0]), file: 'y.npy' },
    });
    expect(short.diagnostics?.[0]).toMatchObject({
      code: DataCodes.npyShape,
      span: { file: 'y.npy' },
    });
    expect(readDataset(X, 'npy', { file: 'X.npy' }).diagnostics?.[0]?.code).toBe(
      DataCodes.npyShape,
    );
  });

  it('unknown labels when labels are fixed', () => {
    const y = npyBytes('<i4', [4], [0, 1, 5, 1]);
    const r = readDataset(X, 'npy', {
      file: 'X.npy',
      labels: ['0', '1'],
      y: { bytes: y, file: 'y.npy' },
    });
    expect(r.diagnostics?.[0]).toMatchObject({
      code: DataCodes.unknownLabel,
      span: { file: 'y.npy' },
    });
    expect(r.diagnostics?.[0]?.message).toMatch(/element \[2\]/);
  });
});
