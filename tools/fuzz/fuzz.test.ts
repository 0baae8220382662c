/**
 * The quick fuzz run CI does on every push: a few hundred seeded cases of every class in
 * cases.ts through check, compile and format. None may throw. The long run (and the 2 s
 * time check per source) is the script: `npx tsx tools/fuzz/fuzz.ts --count 100000`.
 */
import { describe, expect, it } from 'vitest';
import { check, memoryHost } from '@seqlab/compiler';
import { fuzzCase, type FuzzCase } from './cases.js';
import { runCase } from './property.js';

/** Seeds 1.. until about 300,000 characters of source have been generated. */
function quickCases(): FuzzCase[] {
  const out: FuzzCase[] = [];
  let chars = 0;
  for (let seed = 1; chars < 300_000 && out.length < 400; seed++) {
    const c = fuzzCase(seed);
    out.push(c);
    chars += c.text.length;
  }
  return out;
}

describe('fuzz (quick)', () => {
  const cases = quickCases();

  it('covers every class of input', () => {
    const kinds = new Set(cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['binary', 'chain', 'deep', 'huge', 'imports', 'mutation']);
  });

  it('no source makes check, compile or format throw', () => {
    const failures: string[] = [];
    for (const c of cases) {
      try {
        runCase(c);
      } catch (e) {
        failures.push(`seed ${c.seed} (${c.kind}): ${String(e).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the limits are reached: deep, long and huge inputs get their diagnostics', () => {
    const codes = new Set<string>();
    for (const c of cases.filter((x) => ['deep', 'chain', 'huge', 'binary'].includes(x.kind))) {
      for (const code of diagnosticCodes(c)) codes.add(code);
    }
    for (const want of ['SEQ1005', 'SEQ1006', 'SEQ1108', 'SEQ1109', 'SEQ3021']) {
      expect(codes).toContain(want);
    }
  });
});

/** The codes `check` reports for a case (runCase checks the property; this, the outcome). */
function diagnosticCodes(c: FuzzCase): string[] {
  const host = memoryHost({ ...c.files, 'model.seq': c.text });
  return check(c.text, { file: 'model.seq', host }).diagnostics.map((d) => d.code);
}
