import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, unzip, zipStore } from '../../src/run/zip.js';

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips stored entries with folders and UTF-8 names', async () => {
    const files = [
      { name: 'run/config.json', data: new TextEncoder().encode('{"a": 1}') },
      { name: 'run/wéights.bin', data: new Uint8Array([0, 1, 2, 255]) },
    ];
    const r = await unzip(zipStore(files));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.files.keys()]).toEqual(['run/config.json', 'run/wéights.bin']);
    expect(r.files.get('run/wéights.bin')).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  it('reads deflated entries (as zip tools write them)', async () => {
    const text = 'hello '.repeat(100);
    const archive = zipStore([{ name: 'a.txt', data: new TextEncoder().encode(text) }]);
    // Rewrite the entry as deflated: method 8 and compressed bytes.
    const deflated = new Uint8Array(deflateRawSync(Buffer.from(text)));
    const nameLen = 5;
    const local = archive.slice(0, 30 + nameLen);
    const central = archive.slice(30 + nameLen + text.length, archive.length - 22);
    const end = archive.slice(archive.length - 22);
    for (const [buf, methodAt, sizeAt] of [
      [local, 8, 18],
      [central, 10, 20],
    ] as const) {
      const v = new DataView(buf.buffer);
      v.setUint16(methodAt, 8, true);
      v.setUint32(sizeAt, deflated.length, true);
    }
    new DataView(central.buffer).setUint32(42, 0, true);
    new DataView(end.buffer).setUint32(16, local.length + deflated.length, true);
    const out = new Uint8Array([...local, ...deflated, ...central, ...end]);
    const r = await unzip(out);
    expect(r.ok && new TextDecoder().decode(r.files.get('a.txt'))).toBe(text);
  });

  it('rejects what is not an archive', async () => {
    expect(await unzip(new TextEncoder().encode('not a zip at all, sorry'))).toEqual({
      ok: false,
      error: 'not a zip archive',
    });
  });
});
