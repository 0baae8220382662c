import { analyzeModule, formatShape } from '@seqlab/ir';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile/compile-source.js';
import { EXAMPLES, exampleNamed } from '../../src/compile/examples.js';
import { shapeTableModel } from '../../src/views/shape-table-model.js';

function reportOf(file: string, set = {}) {
  const c = compileSource(exampleNamed(file)?.text ?? '', { set });
  if (!c.result.module) throw new Error(`${file} does not compile`);
  return analyzeModule(c.result.module);
}

describe('shape table model', () => {
  it('has a row per layer with the analysis numbers, and totals that add up', () => {
    const r = reportOf('names.seq');
    const t = shapeTableModel(r);
    expect(t.columns.map((c) => c.label)).toEqual([
      'layer',
      'op',
      'output shape',
      'params',
      'flops/step',
      'state',
    ]);
    expect(t.rows.map((row) => row.layer)).toEqual(r.layers.map((l) => l.name));
    const params = t.rows.map((row) => Number(row.cells[3]?.replace(/,/g, '')));
    expect(params.reduce((a, b) => a + b, 0)).toBe(r.totalParams);
    expect(t.footer[3]).toBe(r.totalParams.toLocaleString('en-US'));
    const gru = t.rows.find((row) => row.cells[1] === 'gru');
    expect(gru?.cells[2]).toBe('[B, T, 64]');
    expect(t.inputs).toEqual(['name: [B, T] int < 32']);
    expect(t.outputs).toEqual(['logits: [B, 2]']);
  });

  it('shows the receptive field column for a conv stack (31 for the TCN)', () => {
    const r = reportOf('tcn.seq');
    const t = shapeTableModel(r);
    expect(t.columns.map((c) => c.label)).toContain('receptive field');
    expect(t.footer[t.columns.findIndex((c) => c.key === 'rf')]).toBe('31');
  });

  it('follows hyperparameter overrides', () => {
    const t = shapeTableModel(reportOf('names.seq', { hidden: 8 }));
    expect(t.rows.find((row) => row.cells[1] === 'gru')?.cells[2]).toBe('[B, T, 8]');
  });

  it('names a user cell as `scan Cell` and keeps spans for every layer of every example', () => {
    for (const ex of EXAMPLES) {
      const c = compileSource(ex.text);
      if (!c.report) continue;
      const t = shapeTableModel(c.report);
      t.rows.forEach((row, i) => {
        const l = c.report?.layers[i];
        expect(row.cells[2]).toBe(formatShape(l?.outputShape ?? []));
        if (l?.cell) expect(row.cells[1]).toBe(`scan ${l.cell}`);
      });
    }
  });
});
