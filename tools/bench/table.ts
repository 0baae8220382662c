/**
 * The results as tables: one per size configuration (model, engine, backend, medians,
 * seqlab ÷ peer ratios) and one of compile times, each rendered as aligned plain text for
 * the terminal or as GitHub markdown for docs/benchmarks.md. Pure functions of rows.
 */
import { compare, type Comparison, type PeerName } from './ratios.js';
import {
  BENCH_MODELS,
  SIZE_NAMES,
  type CompileRow,
  type EngineName,
  type Row,
  type Runtime,
  type SizeName,
} from './rows.js';

/** A table before rendering: header, rows of cells, which columns are numbers. */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly numeric: readonly boolean[];
  /** Footnotes: why a cell failed or was skipped, numbered as `[n]` in the cells. */
  readonly notes: readonly string[];
}

const ENGINE_ORDER: readonly EngineName[] = ['seqlab', 'tfjs-layers', 'pytorch'];
const RUNTIME_ORDER: readonly Runtime[] = ['node', 'chromium', 'python'];
const BACKEND_ORDER: readonly string[] = ['wasm', 'cpu', 'webgl', 'webgpu'];

function rank<T>(order: readonly T[], v: T): number {
  const i = order.indexOf(v);
  return i < 0 ? order.length : i;
}

/** Rows in table order: size, model, engine, runtime, backend. */
export function sortRows(rows: readonly Row[]): Row[] {
  const key = (r: Row): number[] => [
    rank(SIZE_NAMES, r.size),
    rank(BENCH_MODELS, r.model),
    rank(ENGINE_ORDER, r.engine),
    rank(RUNTIME_ORDER, r.runtime),
    rank(BACKEND_ORDER, r.backend),
  ];
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const d = (ka[i] ?? 0) - (kb[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.backend.localeCompare(b.backend);
  });
}

/** Milliseconds with about three significant digits: 1.31, 27.4, 102. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** How a row's backend reads in the table: where it ran when not Node, threads if known. */
export function backendLabel(row: Row): string {
  if (row.runtime === 'python' || row.runtime === 'node') {
    return row.threads !== undefined
      ? `${row.backend}, ${row.threads} thread${row.threads === 1 ? '' : 's'}`
      : row.backend;
  }
  return `${row.backend} (${row.runtime})`;
}

/** A ratio cell: `1.52× ✓` when the target is met, `✗` when not. */
export function formatComparison(c: Comparison): string {
  switch (c.kind) {
    case 'ratio':
      return `${c.ratio.toFixed(2)}× ${c.met ? '✓' : '✗'}`;
    case 'peer-failed':
      return 'peer fails';
    case 'none':
    case 'absent':
      return '';
  }
}

const PEERS: readonly PeerName[] = ['pytorch', 'tfjs-layers'];

/** The table of one size configuration (rows of other sizes are ignored). */
export function resultsTable(rows: readonly Row[], size: SizeName): Table {
  const mine = sortRows(rows.filter((r) => r.size === size));
  const notes: string[] = [];
  const noted = (text: string): string => {
    notes.push(text);
    return `[${notes.length}]`;
  };
  const body = mine.map((r) => {
    const who = `${r.engine} ${backendLabel(r)} ${r.model}`;
    let step: string;
    let infer: string;
    if (r.status === 'ok') {
      step = formatMs(r.msPerStep);
      infer = formatMs(r.inferMs);
    } else if (r.status === 'error') {
      step = `fails ${noted(`${who}: ${r.message}`)}`;
      infer = '';
    } else {
      step = `skipped ${noted(`${who}: ${r.reason}`)}`;
      infer = '';
    }
    const ratios = PEERS.map((p) =>
      r.engine === 'seqlab' ? formatComparison(compare(r, p, rows)) : '',
    );
    return [
      r.model,
      r.engine,
      backendLabel(r),
      step,
      infer,
      r.params !== undefined ? r.params.toLocaleString('en-US') : '',
      r.plan && r.status === 'ok' ? `${r.plan.steps}+${r.plan.warmup}` : '',
      ...ratios,
    ];
  });
  return {
    header: [
      'model',
      'engine',
      'backend',
      'ms/step',
      'infer ms',
      'params',
      'steps',
      '÷ PyTorch',
      '÷ tfjs-layers',
    ],
    rows: body,
    numeric: [false, false, false, true, true, true, true, true, true],
    notes,
  };
}

/** The compile-time table. */
export function compileTable(rows: readonly CompileRow[]): Table {
  const notes: string[] = [];
  const body = rows.map((r) => {
    let ms = r.ms !== undefined ? formatMs(r.ms) : '';
    if (r.error !== undefined) {
      notes.push(`${r.file}: ${r.error}`);
      ms = `fails [${notes.length}]`;
    }
    return [r.file, String(r.lines), ms];
  });
  return {
    header: ['file', 'lines', 'compile ms'],
    rows: body,
    numeric: [false, true, true],
    notes,
  };
}

/** Visible width: the ✓/✗/× marks count one column each, like any other character. */
const width = (s: string): number => [...s].length;

/** Aligned plain text: numbers right-aligned, a rule under the header, then the notes. */
export function renderText(t: Table): string {
  const widths = t.header.map((h, i) =>
    Math.max(width(h), ...t.rows.map((r) => width(r[i] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(c)));
        return t.numeric[i] ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  const out = [line(t.header), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)];
  for (const [i, n] of t.notes.entries()) out.push(`[${i + 1}] ${n}`);
  return out.join('\n');
}

/** Escape what would break a markdown table cell. */
const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** A GitHub markdown table, then its notes as a list. */
export function renderMarkdown(t: Table): string {
  const out = [
    `| ${t.header.map(cell).join(' | ')} |`,
    `|${t.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  if (t.notes.length > 0) {
    out.push('');
    for (const [i, n] of t.notes.entries()) out.push(`${i + 1}. ${n}`);
  }
  return out.join('\n');
}
