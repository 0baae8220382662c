/**
 * The session in the URL's fragment (`#s=...`): base64url of the state's JSON. A fragment
 * never reaches a server, so a static host needs no routing and the model stays private to
 * whoever holds the link. Decoding checks every field: a link is untrusted input.
 */
import type { SetValue } from '@seqlab/compiler';
import {
  PANELS,
  type PanelName,
  type PlaygroundState,
  type TrainOverrides,
} from './playground-state.js';

const KEY = 's';
/** Bumped when the JSON layout changes incompatibly. */
const VERSION = 1;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | undefined {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The fragment (with its `#`) that carries `state`. */
export function encodeState(state: PlaygroundState): string {
  const json = JSON.stringify({ v: VERSION, ...state });
  return `#${KEY}=${toBase64Url(json)}`;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function setValueOf(x: unknown): SetValue | undefined {
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (Array.isArray(x) && x.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return x as number[];
  }
  return undefined;
}

/**
 * `--set` overrides from untrusted JSON (a link, or a run's `config.json`): identifier keys
 * and plain values only; anything else is dropped.
 */
export function setOf(x: unknown): Record<string, SetValue> {
  if (!isRecord(x)) return {};
  const entries: [string, SetValue][] = [];
  for (const [k, v] of Object.entries(x)) {
    const value = setValueOf(v);
    if (value !== undefined && /^[A-Za-z_]\w*$/.test(k)) entries.push([k, value]);
  }
  // fromEntries defines own properties: a `__proto__` key cannot replace the prototype.
  return Object.fromEntries(entries);
}

function positive(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined;
}

function trainOf(x: unknown): TrainOverrides {
  if (!isRecord(x)) return {};
  const out: { -readonly [K in keyof TrainOverrides]: TrainOverrides[K] } = {};
  for (const k of ['lr', 'batch', 'epochs', 'clipNorm'] as const) {
    const v = positive(x[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The state in `hash` (a location fragment), or undefined when it holds none or garbage. */
export function decodeState(hash: string): PlaygroundState | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const raw = params.get(KEY);
  if (!raw) return undefined;
  const json = fromBase64Url(raw);
  if (json === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data['v'] !== VERSION || typeof data['source'] !== 'string') {
    return undefined;
  }
  const str = (k: string): string | undefined =>
    typeof data[k] === 'string' ? data[k] : undefined;
  const panel = str('panel');
  const steps = positive(data['steps']);
  const example = str('example');
  const model = str('model');
  const dataset = str('dataset');
  return {
    source: data['source'],
    set: setOf(data['set']),
    train: trainOf(data['train']),
    ...(example !== undefined ? { example } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(dataset !== undefined ? { dataset } : {}),
    ...(panel !== undefined && (PANELS as readonly string[]).includes(panel)
      ? { panel: panel as PanelName }
      : {}),
    ...(steps !== undefined && Number.isInteger(steps) ? { steps } : {}),
  };
}
