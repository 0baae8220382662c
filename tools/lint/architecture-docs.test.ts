/**
 * The map stays true: README's "Layout" and docs/architecture.md's package table name every
 * package and app folder on disk, and nothing that is not there. A new package without a line
 * in both fails here instead of going unmentioned (issue 19 found three missing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `packages/NAME` and `apps/NAME` for every folder with a package.json. */
function projectFolders(): string[] {
  return ['packages', 'apps'].flatMap((top) =>
    readdirSync(join(root, top), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, top, d.name, 'package.json')))
      .map((d) => `${top}/${d.name}`),
  );
}

/** The first word of each line in the README's Layout code block (continuations are indented). */
function readmeLayout(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout'));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => /^\S/.test(line))
    .map((line) => line.split(/\s+/)[0] ?? '');
}

/** The folders named in the first column of docs/architecture.md's package table. */
function architectureTable(): string[] {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  return [...doc.matchAll(/^\| `((?:packages|apps)\/[\w-]+)`/gm)].map((m) => m[1] ?? '');
}

describe('the documented layout matches the folders', () => {
  const folders = projectFolders().sort();

  it('finds the package folders', () => {
    expect(folders).toContain('packages/ir');
    expect(folders).toContain('apps/cli');
  });

  it("README's Layout lists every package and app, and only those (plus tools/)", () => {
    const listed = readmeLayout();
    expect(listed.filter((f) => f !== 'tools/').sort()).toEqual(folders);
    expect(listed).toContain('tools/');
  });

  it("docs/architecture.md's table lists every package and app, and only those", () => {
    expect(architectureTable().sort()).toEqual(folders);
  });
});
