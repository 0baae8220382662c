/**
 * The line format both peers print (tfjs-layers-bench.ts and pytorch_bench.py), one JSON
 * object per cell, snake_case like `seqlab bench --json`; and its conversion into a
 * {@link Row}. Python cannot share the TypeScript type, so the harness checks every field.
 */
import {
  BENCH_MODELS,
  SIZE_NAMES,
  type BenchModel,
  type EngineName,
  type Row,
  type Runtime,
  type SizeName,
} from '../rows.js';

/** One cell as a peer prints it: timings when it ran, `error` when it could not. */
export interface PeerLine {
  readonly engine: EngineName;
  readonly runtime: Runtime;
  readonly backend: string;
  readonly model: BenchModel;
  readonly size: SizeName;
  readonly batch: number;
  readonly time: number;
  readonly input: number;
  readonly hidden: number;
  readonly steps: number;
  readonly warmup: number;
  readonly params?: number;
  readonly threads?: number;
  readonly ms_per_step?: number;
  readonly infer_ms?: number;
  readonly step_ms_all?: readonly number[];
  readonly infer_ms_all?: readonly number[];
  readonly error?: string;
}

const ENGINES: readonly string[] = ['seqlab', 'tfjs-layers', 'pytorch'];
const RUNTIMES: readonly string[] = ['node', 'chromium', 'python'];

function isOneOf<T extends string>(xs: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (xs as readonly string[]).includes(v);
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/**
 * The row of one peer line, or a string saying what is wrong with it (a peer printing
 * something unexpected is a bug in the peer, reported in the table rather than thrown).
 */
export function rowFromPeerLine(line: string): Row | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return `not JSON: ${line.slice(0, 80)}`;
  }
  if (typeof v !== 'object' || v === null) return `not an object: ${line.slice(0, 80)}`;
  const o = v as Record<string, unknown>;
  if (!isOneOf(ENGINES as EngineName[], o.engine)) return `bad engine in ${line.slice(0, 80)}`;
  if (!isOneOf(RUNTIMES as Runtime[], o.runtime)) return `bad runtime in ${line.slice(0, 80)}`;
  if (!isOneOf(BENCH_MODELS, o.model)) return `bad model in ${line.slice(0, 80)}`;
  if (!isOneOf(SIZE_NAMES, o.size)) return `bad size in ${line.slice(0, 80)}`;
  if (typeof o.backend !== 'string') return `bad backend in ${line.slice(0, 80)}`;
  const [batch, time, input, hidden, steps, warmup] = [
    o.batch,
    o.time,
    o.input,
    o.hidden,
    o.steps,
    o.warmup,
  ].map(num);
  if (
    batch === undefined ||
    time === undefined ||
    input === undefined ||
    hidden === undefined ||
    steps === undefined ||
    warmup === undefined
  ) {
    return `missing sizes or steps in ${line.slice(0, 80)}`;
  }
  const params = num(o.params);
  const threads = num(o.threads);
  const base = {
    model: o.model,
    size: o.size,
    engine: o.engine,
    runtime: o.runtime,
    backend: o.backend,
    config: { batch, time, input, hidden },
    plan: { steps, warmup },
    ...(params !== undefined ? { params } : {}),
    ...(threads !== undefined ? { threads } : {}),
  };
  if (typeof o.error === 'string') return { ...base, status: 'error', message: o.error };
  const msPerStep = num(o.ms_per_step);
  const inferMs = num(o.infer_ms);
  if (msPerStep === undefined || inferMs === undefined) {
    return `no ms_per_step / infer_ms in ${line.slice(0, 80)}`;
  }
  return { ...base, status: 'ok', msPerStep, inferMs };
}
