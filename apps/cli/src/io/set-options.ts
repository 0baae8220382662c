/** `--set name=value` (repeatable) into a record the compiler understands. */
import type { SetValue } from '@seqlab/compiler';
import { UsageError } from './files.js';

/** Commander collector for a repeatable `--set`. */
export function collectSet(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parse the collected `--set` strings. */
export function parseSets(items: readonly string[] | undefined): Record<string, SetValue> {
  const out: Record<string, SetValue> = {};
  for (const item of items ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${item}: expected name=value, e.g. --set hidden=32`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1);
  }
  return out;
}
