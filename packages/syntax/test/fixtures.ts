/** The `.seq` fixture sources the syntax tests share (realistic files, comments everywhere). */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** File name → source text of every `test/fixtures/*.seq`. */
export const FIXTURES: Readonly<Record<string, string>> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.seq'))
    .sort()
    .map((f) => [f, readFileSync(dir + f, 'utf8')]),
);
