/**
 * One test placement for the whole repository: every project keeps its tests in `test/`,
 * mirroring `src/`, and `src/` holds only the product. Issue 19 found three conventions
 * (beside the code, `test/`, and both in one package); this keeps it at one, and the root
 * vitest config only looks in `test/`, so a test left in `src/` would silently never run.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every file under `folder`, recursively, skipping installed and built folders. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : filesUnder(path);
    }
    return [path];
  });
}

/** `packages/NAME/src` and `apps/NAME/src` for every project. */
function sourceFolders(): string[] {
  return ['packages', 'apps'].flatMap((top) =>
    readdirSync(join(root, top), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(root, top, d.name, 'src')),
  );
}

describe('test placement', () => {
  it('finds the source folders it checks', () => {
    expect(sourceFolders().filter((folder) => existsSync(folder)).length).toBeGreaterThan(10);
  });

  it('keeps tests and test helpers out of src/', () => {
    const misplaced = sourceFolders()
      .flatMap(filesUnder)
      .filter((path) => /(\.test|\.spec|\.e2e)\.ts$|test-(util|fixtures)\.ts$/.test(path))
      .map((path) => relative(root, path));
    expect(misplaced).toEqual([]);
  });
});
