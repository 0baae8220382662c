import { describe, expect, it } from 'vitest';
import { DataCodes, readDataset, type ReadOptions, type SequenceDataset } from '../../src/index.js';
import { allExamples, expectLineError, ok } from '../helpers/expect-diagnostic.js';

const file = 'data/seqs.csv';
const read = (text: string, opts: Partial<ReadOptions> = {}) =>
  readDataset(text, 'csv', { file, ...opts });

describe('CSV reader: good files', () => {
  it('row layout: label, then a space-separated numeric sequence', () => {
    const ds = ok(read('pos,6\npos,1 2 3\nneg,4 5\n'));
    expect(ds.task).toBe('classify');
    expect(ds.inputs).toEqual(['x']);
    expect(ds.targets).toEqual(['y']);
    const [x, y] = ds.fields;
    expect(x).toMatchObject({ name: 'x', kind: 'vectors', width: 1, time: 'T' });
    expect(y?.kind).toBe('class');
    expect(y?.vocab?.tokens).toEqual(['neg', 'pos']);
    const all = allExamples(ds);
    expect(all).toHaveLength(3);
    expect(all).toContainEqual({ x: [[1], [2], [3]], y: 1 });
    expect(all).toContainEqual({ x: [[4], [5]], y: 0 });
  });

  it('row layout: `a;b` steps give width 2, and a split column places rows', () => {
    const text = 'label,seq,split\nup,1;2 3;4,train\ndown,5;6,test\nup,0;0 1;1 2;2,valid\n';
    const ds = ok(read(text));
    expect(ds.fields[0]?.width).toBe(2);
    expect(ds.splits.train).toEqual([
      {
        x: [
          [1, 2],
          [3, 4],
        ],
        y: 1,
      },
    ]);
    expect(ds.splits.test).toEqual([{ x: [[5, 6]], y: 0 }]);
    expect(ds.splits.valid).toHaveLength(1);
  });

  it('row layout with words: tokens with a vocabulary from train', () => {
    const text = 'pos,a good film\nneg,a bad film\npos,good good\n';
    const ds = ok(read(text, { split: { valid: 0, test: 0 } }));
    const tokens = ds.fields[0];
    expect(tokens).toMatchObject({ name: 'tokens', kind: 'tokens' });
    const all = allExamples(ds);
    expect(all.map((e) => tokens?.vocab?.decode(e.tokens as number[]).join(' '))).toEqual([
      'a good film',
      'a bad film',
      'good good',
    ]);
  });

  it('columns layout with a header, and fixed labels fix the class ids', () => {
    const text = 'label,t0,t1,t2\nb,1,2,3\na,4,5,6\n';
    const ds = ok(read(text, { labels: ['b', 'a'] }));
    expect(ds.fields[1]?.vocab?.tokens).toEqual(['b', 'a']);
    const all = allExamples(ds);
    expect(all).toContainEqual({ x: [[1], [2], [3]], y: 0 });
    expect(all).toContainEqual({ x: [[4], [5], [6]], y: 1 });
  });

  it('long layout: a row per step grouped by id', () => {
    const text = 'id,t,f1,f2,label\ns1,0,1,2,walk\ns2,0,9,9,run\ns1,1,3,4,walk\ns1,2,5,6,walk\n';
    const ds = ok(read(text));
    expect(ds.fields[0]?.width).toBe(2);
    const all = allExamples(ds);
    expect(all).toContainEqual({
      x: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      y: ds.fields[1]?.vocab?.idOf('walk'),
    });
    expect(all).toContainEqual({ x: [[9, 9]], y: ds.fields[1]?.vocab?.idOf('run') });
  });

  it('regression targets with target: values', () => {
    const ds = ok(read('0.5,1 2\n1.5,3\n', { target: 'values', csv: { layout: 'row' } }));
    expect(ds.task).toBe('regress');
    expect(ds.fields[1]).toMatchObject({ kind: 'values', width: 1 });
    expect(allExamples(ds)).toContainEqual({ x: [[1], [2]], y: [0.5] });
  });

  it('quoted cells may hold the delimiter', () => {
    const ds = ok(read('"a,b",1 2\nc,3 4\n'));
    expect(ds.fields[1]?.vocab?.tokens).toEqual(['a,b', 'c']);
  });
});

describe('CSV reader: files separated by something other than a comma', () => {
  // A quoted cell holds a comma: it must not count as the file's separator.
  const separated = (d: string): string =>
    [`text${d}label`, `good film${d}pos`, `bad film${d}neg`, `"a film, good"${d}pos`].join('\n');
  // Rows are split by a hash of their line, so compare what they say, in any order.
  const said = (ds: SequenceDataset): string[] =>
    allExamples(ds)
      .map((e) => {
        const [tokens, y] = ds.fields;
        const words = tokens?.vocab?.decode(e.tokens as number[]).join(' ');
        return `${words} -> ${y?.vocab?.tokens[e.y as number]}`;
      })
      .sort();
  const expected = said(ok(read(separated(','))));

  it.each([
    ['semicolons', ';'],
    ['tabs', '\t'],
    ['pipes', '|'],
  ])('%s: read as the comma file is, and the description says so', (_, d) => {
    const ds = ok(read(separated(d)));
    expect(said(ds)).toEqual(expected);
    expect(ds.fields.map((f) => f.name)).toEqual(['tokens', 'y']);
    expect(ds.description).toContain('-separated');
  });

  it('a comma anywhere keeps the comma: a `;` inside a cell is a step of width 2', () => {
    const ds = ok(read('up,1;2 3;4\ndown,5;6\n'));
    expect(ds.fields[0]?.width).toBe(2);
    expect(ds.description).not.toContain('separated');
  });

  it('an explicit delimiter is never second-guessed', () => {
    const text = 'label;text\npos;good film\n';
    const r = read(text, { csv: { delimiter: ',' } });
    expectLineError(r, DataCodes.noInputColumn, 1, text, file, /no column is left for the input/);
  });

  it('a separator that splits lines unevenly is not taken; the error names it', () => {
    const text = 'label;text\npos;good film\nneg;bad;film\n';
    const r = read(text);
    expectLineError(r, DataCodes.noInputColumn, 1, text, file, /its one column is the label/);
    expect(r.diagnostics?.[0]?.hint).toBe(
      'is the file separated by ";"? set it with delimiter = ";"',
    );
  });

  it('one column and no separator: the error says what is missing', () => {
    const text = 'pos\nneg\n';
    const r = read(text);
    expectLineError(r, DataCodes.noInputColumn, 1, text, file, /no column is left for the input/);
    expect(r.diagnostics?.[0]?.hint).toMatch(/add a column of inputs/);
  });

  it('a header whose every column has a role: they are named', () => {
    const text = 'label,split\npos,train\n';
    expectLineError(read(text), DataCodes.noInputColumn, 1, text, file, /"label", "split" are/);
  });
});

describe('CSV reader: bad files name the line', () => {
  it('ragged rows', () => {
    const text = 'label,t0,t1\na,1,2\nb,1,2,3\n';
    expectLineError(read(text), DataCodes.raggedRow, 3, text, file, /expected 3 columns, got 4/);
  });

  it('NaN and non-numbers', () => {
    const text = 'a,1 2\nb,3 NaN\n';
    expectLineError(read(text), DataCodes.notANumber, 2, text, file, /step 2: NaN/);
    const text2 = 'a,1 2\nb,3 4\nc,5 x7\n';
    expectLineError(read(text2), DataCodes.notANumber, 3, text2, file, /"x7" is not a number/);
  });

  it('wrong width', () => {
    const text = 'a,1;2 3;4\nb,5;6 7\n';
    expectLineError(read(text), DataCodes.wrongWidth, 2, text, file, /1 values; expected 2/);
  });

  it('unknown label when labels are fixed', () => {
    const text = 'cat,1 2\ndog,3 4\ncow,5 6\n';
    expectLineError(
      read(text, { labels: ['cat', 'dog'] }),
      DataCodes.unknownLabel,
      3,
      text,
      file,
      /"cow"/,
    );
  });

  it('empty file, blank-only file and header-only file', () => {
    for (const text of ['', '\n\n  \n']) {
      const r = read(text);
      expect(r.diagnostics?.[0]?.code).toBe(DataCodes.emptyFile);
      expect(r.diagnostics?.[0]?.message).toMatch(/line 1/);
      expect(r.diagnostics?.[0]?.span.file).toBe(file);
    }
    expect(read('label,t0,t1\n').diagnostics?.[0]?.code).toBe(DataCodes.noExamples);
  });

  it('invalid UTF-8 names the line of the bad byte', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('a,1 2\nb,3 4\nc,'),
      0xff,
      0x31,
      0x0a,
    ]);
    const r = readDataset(bytes, 'csv', { file });
    expect(r.diagnostics?.[0]?.code).toBe(DataCodes.invalidUtf8);
    expect(r.diagnostics?.[0]?.message).toMatch(/line 3/);
    expect(r.diagnostics?.[0]?.span).toMatchObject({ file, start: 12 });
  });

  it('a long-format sequence that changes label, and an unterminated quote', () => {
    const text = 'id,f,label\ns,1,a\ns,2,b\n';
    expectLineError(read(text), DataCodes.badRecord, 3, text, file, /changes label/);
    const text2 = 'a,1\n"b,2\n';
    expectLineError(read(text2), DataCodes.badRecord, 2, text2, file, /unterminated/);
  });

  it('reports every bad line, not just the first', () => {
    const text = 'label,t0\na,1\nb,NaN\nc,2\nd,nan\n';
    const r = read(text);
    expect(r.diagnostics?.map((d) => d.message.match(/line (\d+)/)?.[1])).toEqual(['3', '5']);
  });
});
