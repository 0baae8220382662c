/** File access for the compiler from Node: imports resolve relative to the importing file. */
import { readFileSync } from 'node:fs';
import { joinRelative, type CompileHost } from '@seqlab/compiler';

/** A compile host reading from the local file system. */
export const nodeHost: CompileHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  resolveImport: joinRelative,
};
