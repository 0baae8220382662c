/**
 * Resolving a model's hyperparameters: `--set` overrides, then defaults (which may refer to
 * earlier hyperparameters), and a check that each override has the default's type.
 */
import type { HyperValue } from '@seqlab/ir';
import type { ModelDecl } from '@seqlab/syntax';
import { evalConst, kindOf, recordScope, showConst, type ConstValue } from '../eval/constant.js';
import { didYouMean } from '../eval/suggest.js';
import type { Reporter } from '../reporter.js';

/** A `--set` value as typed on a command line or in a form. */
export type SetValue = string | number | boolean | readonly number[];

/** Parse `"64"` → 64, `"true"` → true, `"[8, 16]"` → [8, 16]; anything else stays a string. */
export function parseSetValue(raw: SetValue): SetValue {
  if (typeof raw !== 'string') return raw;
  const t = raw.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  if (/^\[[\d\s.,eE+-]*\]$/.test(t)) {
    const items = t
      .slice(1, -1)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (items.every((s) => Number.isFinite(Number(s)))) return items.map(Number);
  }
  return t;
}

/** Whether `v` can hold a hyperparameter (lists must be of numbers). */
function asHyper(v: ConstValue): HyperValue | undefined {
  if (v === null) return undefined;
  if (Array.isArray(v)) return v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;
  return v as HyperValue;
}

/** Resolve hyperparameters; `undefined` when any is missing or mistyped (reported). */
export function resolveHyperparameters(
  decl: ModelDecl,
  set: Readonly<Record<string, SetValue>>,
  rep: Reporter,
): Record<string, HyperValue> | undefined {
  const errorsBefore = rep.errorCount;
  const names = decl.params.map((p) => p.name.name);
  for (const key of Object.keys(set)) {
    if (!names.includes(key)) {
      rep.error(
        'unknownHyperparameter',
        decl.name.span,
        `model ${decl.name.name} has no hyperparameter \`${key}\`${didYouMean(key, names)}`,
        names.length ? `its hyperparameters: ${names.join(', ')}` : 'it has no hyperparameters',
      );
    }
  }
  const values: Record<string, ConstValue> = {};
  for (const p of decl.params) {
    const name = p.name.name;
    const dflt = p.default ? evalConst(p.default, recordScope(values), rep) : undefined;
    const raw = set[name];
    if (raw !== undefined) {
      const v = parseSetValue(raw);
      if (typeof v === 'string' && NUMBER_LIKE.test(v)) {
        // `1e309` reads as Infinity: say so rather than "got a string".
        rep.error(
          'hyperType',
          p.name.span,
          `--set ${name}=${v}: the number is out of range (larger than about 1.8e308)`,
        );
        continue;
      }
      if (dflt !== undefined && dflt !== null && kindFamily(dflt) !== kindFamily(v as ConstValue)) {
        rep.error(
          'hyperType',
          p.name.span,
          `--set ${name}=${String(raw)}: ${name} is ${kindOf(dflt)} (default ${showConst(dflt)}); got ${kindOf(v as ConstValue)}`,
        );
        continue;
      }
      values[name] = v as ConstValue;
    } else if (dflt !== undefined) {
      values[name] = dflt;
    } else if (!p.default) {
      rep.error(
        'unsetHyperparameter',
        p.name.span,
        `hyperparameter \`${name}\` has no default; give it with --set ${name}=VALUE`,
      );
    }
  }
  if (rep.errorCount > errorsBefore) return undefined;
  const out: Record<string, HyperValue> = {};
  for (const [k, v] of Object.entries(values)) {
    const h = asHyper(v);
    if (h === undefined) {
      rep.error(
        'hyperType',
        decl.name.span,
        `hyperparameter \`${k}\` must be a number, string, boolean or list of numbers`,
      );
      return undefined;
    }
    out[k] = h;
  }
  return out;
}

/** A `--set` value written as a number that does not fit a double. */
const NUMBER_LIKE = /^[-+]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function kindFamily(v: ConstValue): string {
  if (v === null) return 'none';
  if (Array.isArray(v)) return 'list';
  return typeof v;
}
