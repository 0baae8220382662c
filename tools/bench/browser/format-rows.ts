/** The browser rows as a plain-text table (the CLI's output), with seqlab ÷ tfjs-layers. */
import type { BrowserRow } from './types.js';

const ms = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(2));

/** The tfjs-layers row measured under the same backend, model and size. */
function peerOf(rows: readonly BrowserRow[], r: BrowserRow): BrowserRow | undefined {
  return rows.find(
    (p) =>
      p.engine === 'tfjs-layers' &&
      p.backend === r.backend &&
      p.model === r.model &&
      p.size === r.size,
  );
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || b <= 0 ? '-' : `${(a / b).toFixed(2)}x`;
}

/** Right-aligned columns except the first four; `steps` is timed + warm-up; errors follow the table, numbered. */
export function formatRows(rows: readonly BrowserRow[]): string {
  const head = [
    'engine',
    'backend',
    'model',
    'size',
    'steps',
    'ms/step',
    'infer ms',
    'step ÷ layers',
  ];
  const errors: string[] = [];
  const body = rows.map((r) => {
    const peer = r.engine === 'seqlab' ? peerOf(rows, r) : undefined;
    let step = ms(r.ms_per_step);
    if (r.error !== undefined) {
      errors.push(
        `[${errors.length + 1}] ${r.engine} ${r.backend} ${r.model} ${r.size}: ${r.error}`,
      );
      step = `error [${errors.length}]`;
    }
    const plan = r.steps === undefined ? '-' : `${r.steps}+${r.warmup ?? 0}`;
    return [
      r.engine,
      r.backend,
      r.model,
      r.size,
      plan,
      step,
      ms(r.infer_ms),
      ratio(r.ms_per_step, peer?.ms_per_step),
    ];
  });
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const renderers = [
    ...new Set(rows.flatMap((r) => (r.renderer ? [`${r.backend}: ${r.renderer}`] : []))),
  ];
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    ...(renderers.length ? ['', ...renderers] : []),
    ...(errors.length ? ['', ...errors] : []),
  ].join('\n');
}
