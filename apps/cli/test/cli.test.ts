/** The `seqlab` commands end to end (in-process): exit codes, output formats, files. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ex = (name: string): string => join(root, 'examples', name);
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.seq'))
  .sort();
const tmp = (): string => mkdtempSync(join(tmpdir(), 'seqlab-cli-'));

describe('seqlab check', () => {
  it('passes every example', async () => {
    const r = await seqlab('check', ...examples.map(ex));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/error/);
  });

  it('prints a positioned error for a missing brace and exits 1 without a stack trace', async () => {
    const dir = tmp();
    const file = join(dir, 'broken.seq');
    writeFileSync(file, 'model M {\n  input x: [B, T, 4]\n  x |> relu -> y\n  output y\n');
    const r = await seqlab('check', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}(5,1): error SEQ1102: expected \`}\` to close model \`M\``);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /); // no stack frames
  });

  it('underlines an unknown layer', async () => {
    const dir = tmp();
    const file = join(dir, 'unknown.seq');
    writeFileSync(file, 'model M {\n  input x: [B, T, 4]\n  x |> lstmm(8) -> y\n  output y\n}\n');
    const r = await seqlab('check', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${file}(3,8): error SEQ2001: unknown layer \`lstmm\`; did you mean \`lstm\`?\n` +
        '    x |> lstmm(8) -> y\n' +
        '         ~~~~~\n',
    );
  });

  it('--json gives line and column', async () => {
    const dir = tmp();
    const file = join(dir, 'u.seq');
    writeFileSync(file, 'model M {\n  input x: [B, T, 4]\n  x |> lstmm(8) -> y\n  output y\n}\n');
    const r = await seqlab('check', '--json', file);
    const json = JSON.parse(r.stdout) as { line: number; col: number; code: string }[];
    expect(json).toEqual([
      expect.objectContaining({ file, line: 3, col: 8, end_col: 13, code: 'SEQ2001' }),
    ]);
  });

  it('a missing file is a usage error (exit 2)', async () => {
    const r = await seqlab('check', join(tmp(), 'nope.seq'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file/);
  });
});

describe('seqlab inspect', () => {
  for (const f of examples) {
    it(`--json on ${f}`, async () => {
      const r = await seqlab('inspect', '--json', ex(f));
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as {
        model: string;
        inputs: { name: string; shape: unknown[]; dtype: string }[];
        layers: { name: string; op: string; output_shape: unknown[]; params: number }[];
        total_params: number;
      };
      expect(j.inputs.length).toBeGreaterThan(0);
      expect(j.layers.length).toBeGreaterThan(0);
      expect(j.layers.reduce((s, l) => s + l.params, 0)).toBe(j.total_params);
      expect(j.inputs[0]?.shape[0]).toBe('B');
    });
  }

  it('--set changes the table', async () => {
    const r = await seqlab('inspect', '--json', '--set', 'hidden=8', ex('names.seq'));
    const j = JSON.parse(r.stdout) as { layers: { op: string; params: number }[] };
    expect(j.layers.find((l) => l.op === 'gru')?.params).toBe(3 * 8 * (32 + 8 + 2));
  });

  it('--ir prints the IR JSON', async () => {
    const r = await seqlab('inspect', '--ir', ex('names.seq'));
    expect(JSON.parse(r.stdout)).toMatchObject({
      format: 'seqlab-ir',
      version: 1,
      model: 'NameGender',
    });
  });

  it('a bad --set is a usage error', async () => {
    const r = await seqlab('inspect', '--set', 'hidden', ex('names.seq'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected name=value/);
  });
});

describe('seqlab graph', () => {
  it('writes an SVG (format from the extension)', async () => {
    const out = join(tmp(), 'g.svg');
    const r = await seqlab('graph', ex('names.seq'), '-o', out);
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const layer of ['embed0', 'gru0', 'last0', 'dense0']) expect(svg).toContain(layer);
  });

  it('--unroll 3 draws three columns for each of the three layers', async () => {
    const out = join(tmp(), 'u.svg');
    const r = await seqlab('graph', ex('stacked-rnn.seq'), '--unroll', '3', '-o', out);
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('t = 3');
    expect(svg).not.toContain('t = 4');
  });

  it('prints dot and mermaid to stdout', async () => {
    expect((await seqlab('graph', ex('names.seq'))).stdout).toMatch(/^digraph/);
    expect((await seqlab('graph', ex('names.seq'), '--format', 'mermaid')).stdout).toMatch(
      /^flowchart/,
    );
  });

  it('rejects a silly --unroll', async () => {
    const r = await seqlab(
      'graph',
      ex('names.seq'),
      '--unroll',
      'zero',
      '-o',
      join(tmp(), 'x.svg'),
    );
    expect(r.code).toBe(2);
  });
});

describe('seqlab fmt', () => {
  it('--check passes on the examples', async () => {
    const r = await seqlab('fmt', '--check', ...examples.map(ex));
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it('--write fixes a messy file, and --check then passes', async () => {
    const file = join(tmp(), 'messy.seq');
    writeFileSync(file, 'model   M{input x:[B,T,4]\n x|>relu->y # keep me\noutput y}');
    expect((await seqlab('fmt', '--check', file)).code).toBe(1);
    expect((await seqlab('fmt', '--write', file)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('# keep me');
    expect((await seqlab('fmt', '--check', file)).code).toBe(0);
  });

  it('leaves a file with syntax errors untouched', async () => {
    const file = join(tmp(), 'bad.seq');
    writeFileSync(file, 'model M {');
    const r = await seqlab('fmt', '--write', file);
    expect(r.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('model M {');
    expect(existsSync(`${file}.tmp-${process.pid}`)).toBe(false);
  });
});

describe('--help', () => {
  for (const cmd of ['check', 'inspect', 'graph', 'fmt', 'train', 'data', 'bench']) {
    it(`${cmd} --help explains with an example`, async () => {
      const r = await seqlab(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples:\n\s+\$ seqlab /);
    });
  }

  it('train --help points at the data documentation and seqlab data', async () => {
    const r = await seqlab('train', '--help');
    expect(r.stdout).toContain('docs/data.md');
    expect(r.stdout).toContain('seqlab data FILE');
  });
});
