/**
 * The browser runner's rows (snake_case, from another module that may change on its own)
 * as harness rows. Every field is checked: a row that does not fit becomes an error row
 * naming what is wrong, so a contract drift shows in the table instead of crashing a run.
 */
import { BENCH_MODELS, SIZE_NAMES, SIZES, type Row } from './rows.js';

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** The harness row of one browser row, or a message when it is not a row at all. */
export function rowFromBrowser(v: unknown): Row | string {
  if (typeof v !== 'object' || v === null) return 'browser runner returned a non-object row';
  const o = v as Record<string, unknown>;
  const { engine, backend, model, size } = o;
  if (engine !== 'seqlab' && engine !== 'tfjs-layers')
    return `browser row: bad engine ${String(engine)}`;
  if (typeof backend !== 'string') return 'browser row: no backend';
  if (!(BENCH_MODELS as readonly unknown[]).includes(model))
    return `browser row: bad model ${String(model)}`;
  if (!(SIZE_NAMES as readonly unknown[]).includes(size))
    return `browser row: bad size ${String(size)}`;
  const m = model as Row['model'];
  const s = size as Row['size'];
  const steps = num(o.steps);
  const warmup = num(o.warmup);
  const base = {
    engine: engine as 'seqlab' | 'tfjs-layers', // checked above (`!==` does not narrow unknown)
    runtime: 'chromium' as const,
    backend,
    model: m,
    size: s,
    config: SIZES[s],
    ...(steps !== undefined && warmup !== undefined ? { plan: { steps, warmup } } : {}),
  };
  if (typeof o.error === 'string') return { ...base, status: 'error', message: o.error };
  const msPerStep = num(o.ms_per_step);
  const inferMs = num(o.infer_ms);
  if (msPerStep === undefined || inferMs === undefined) {
    return { ...base, status: 'error', message: 'browser row has neither timings nor error' };
  }
  return { ...base, status: 'ok', msPerStep, inferMs };
}

/** Distinct `backend: renderer` lines of browser rows (what WebGL ran on), for the notes. */
export function browserRenderers(rows: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const r of rows) {
    if (typeof r !== 'object' || r === null) continue;
    const { backend, renderer } = r as Record<string, unknown>;
    if (typeof backend === 'string' && typeof renderer === 'string' && renderer !== '') {
      out.add(`Chromium ${backend}: ${renderer}`);
    }
  }
  return [...out];
}
