/**
 * Whatever file arrives, the commands answer with diagnostics and the documented exit code
 * (1 for errors in the model), in bounded output: binary and non-UTF-8 files, nesting and
 * chains past the limits, sizes past the limits (also through --set), thousands of errors.
 */
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'seqlab-robust-'));
const file = (name: string, text: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const model = (body: string, params = ''): string =>
  `model M${params} {\n  input x: [B, T, 4]\n${body}\n  output y\n}\n`;
const noStack = (s: string): void => expect(s).not.toMatch(/\n\s+at /);

describe('files that are not text', () => {
  const elf = new Uint8Array(150_000).map((_, i) => (i * 7919) % 256);
  elf.set([0x7f, 0x45, 0x4c, 0x46], 0);

  it('a binary file is one diagnostic, for check and fmt', async () => {
    const bin = file('ls.seq', elf);
    for (const args of [
      ['check', bin],
      ['fmt', bin],
    ]) {
      const r = await seqlab(...args);
      expect(r.code).toBe(1);
      const out = r.stdout + r.stderr;
      expect(out.match(/error SEQ/g)).toHaveLength(1);
      expect(out).toContain('error SEQ1006: not a text file: byte 0x7f');
      expect(out.length).toBeLessThan(1000);
    }
  });

  it('invalid UTF-8 names the byte, in the main file and in an import', async () => {
    const latin1 = new Uint8Array([...Buffer.from('cell C(h) {\n  # caf'), 0xe9, 0x0a, 0x7d]);
    file('latin1.seq', latin1);
    const main = file('main.seq', `import "latin1.seq"\n${model('  x |> dense(2) -> y')}`);
    const r = await seqlab('check', main);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'latin1.seq(2,8): error SEQ1006: not a text file: invalid UTF-8 at byte 19',
    );
    const direct = await seqlab('check', join(dir, 'latin1.seq'));
    expect(direct.stdout).toContain('invalid UTF-8 at byte 19');
  });
});

describe('file size', () => {
  it('a .seq file over 16 MB is refused before it is read (exit 2)', async () => {
    const big = file('big.seq', '');
    truncateSync(big, 17 * 1024 * 1024);
    const r = await seqlab('check', big);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('17 MB is too large for a .seq file (the limit is 16 MB)');
  });
});

describe('limits', () => {
  const cases: [string, string, string][] = [
    ['300 nested parentheses', model(`  x |> dense(${'('.repeat(300)}4${')'.repeat(300)}) -> y`), 'SEQ1108'],
    ['1,000 nested brackets', model(`  x |> dense(${'['.repeat(1000)}4${']'.repeat(1000)}) -> y`), 'SEQ1108'],
    ['5,000 minus signs', model(`  x |> dense(${'-'.repeat(5000)}4) -> y`), 'SEQ1108'],
    ['10,000 unbalanced parentheses', model(`  x |> dense(${'('.repeat(10000)}4) -> y`), 'SEQ1108'],
    ['a chain of 5,000 |> relu', model(`  x ${'|> relu '.repeat(5000)}-> y`), 'SEQ1109'],
    ['1 + 1 + ... of 5,000 terms', model(`  x |> dense(${Array(5000).fill('1').join(' + ')}) -> y`), 'SEQ1109'],
    ['rnn(8, layers = 1e6)', model('  x |> rnn(8, layers = 1e6) -> y'), 'SEQ3021'],
    ['layers = 1e23', model('  x |> rnn(8, layers = 1e23) -> y'), 'SEQ3021'],
    ['lstm(1e308)', model('  x |> lstm(1e308) -> y'), 'SEQ3021'],
    ['1e309', model('  x |> dense(1e309) -> y'), 'SEQ1005'],
    ['a model using itself', 'model A {\n  input x: [B, T, 4]\n  x |> A -> y\n  output y\n}\n', 'SEQ2018'],
  ]; // prettier-ignore

  for (const [what, text, code] of cases) {
    it(`${what}: ${code}, exit 1`, async () => {
      const r = await seqlab('check', file(`${code}.seq`, text));
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`error ${code}`);
      expect(r.stdout.length).toBeLessThan(2000);
      noStack(r.stdout + r.stderr);
    });
  }

  it('--set goes through the same limits (a width, then the total parameters)', async () => {
    const names = file('names.seq', model('  x |> gru(hidden) |> dense(2) -> y', '(hidden = 8)'));
    const wide = await seqlab('inspect', names, '--set', 'hidden=100000');
    expect(wide.code).toBe(1);
    expect(wide.stderr).toContain(
      'error SEQ3022: model M would have 30,002,000,002 parameters; seqlab allows at most 1,000,000,000',
    );
    const huge = await seqlab('check', names, '--set', 'hidden=1e23');
    expect(huge.stdout).toContain('error SEQ3021: gru(hidden = ...) is 1.000e+23');
  });
});

describe('bounded output', () => {
  it('at most 50 diagnostics per file, then a count of the rest', async () => {
    const messy = file('messy.seq', model(Array(400).fill('  x |> |> y').join('\n')));
    const r = await seqlab('check', messy);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/: error SEQ/g)).toHaveLength(50);
    expect(r.stdout).toMatch(/messy\.seq: … and \d+ more not shown/);
  });

  it('garbage gives at most 100 syntax errors and stops reading', async () => {
    const words = ['model', '{', '(', '|>', 'x', '}', ']'];
    const junk = Array.from({ length: 15_000 }, (_, i) => words[(i * 31) % 7]).join(' ');
    const r = await seqlab('check', '--json', file('junk.seq', junk));
    const json = JSON.parse(r.stdout) as { code: string }[];
    // 100 syntax errors, the note that reading stopped, and the few checks of what was read.
    expect(json.length).toBeLessThanOrEqual(110);
    expect(json.filter((d) => d.code === 'SEQ1110')).toHaveLength(1);
  });

  it('a megabyte of tokens is one diagnostic: the file is too large', async () => {
    const junk = Array.from({ length: 200_000 }, (_, i) => ['x', '|>', 'relu'][i % 3]).join(' ');
    const r = await seqlab('check', file('mega.seq', junk));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error SEQ1111: file too large: more than 20,000 tokens');
    expect(r.stdout.match(/error SEQ/g)).toHaveLength(1);
  });
});

describe('graph', () => {
  it('the SVG layout refuses graphs of more than 100 nodes (exit 2), dot draws them', async () => {
    const sums = file('sums.seq', model(`  y = x${' + x'.repeat(150)}`));
    const svg = await seqlab('graph', sums, '--format', 'svg');
    expect(svg.code).toBe(2);
    expect(svg.stderr).toContain('the graph has 150 nodes; the SVG layout draws at most 100');
    const dot = await seqlab('graph', sums, '--format', 'dot');
    expect(dot.code).toBe(0);
    expect(dot.stdout.match(/\[label/g)?.length).toBeGreaterThan(150);
  });
});
