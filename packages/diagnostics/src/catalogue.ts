/**
 * The one shape of a diagnostics catalogue entry. Each stage (syntax, compiler, data) keeps
 * its own catalogue file of entries in this shape and reports through the entry's name, so
 * a code is typed at every call site, `docs/diagnostics.md` is generated from the entries,
 * and `tools/lint/diagnostics-catalogue.test.ts` checks them all together.
 */
import type { Diagnostic, RelatedInfo, Severity } from './diagnostic.js';
import type { Span } from './span.js';

/** A minimal input that triggers a diagnostic, for the docs (where no golden case exists). */
export interface DiagnosticExample {
  /** The file name the input is read as (its extension picks the reader for data files). */
  readonly file: string;
  /** The text of the input. */
  readonly text: string;
  /** How many times `text` is repeated to make the input (for inputs over a size limit). */
  readonly repeat?: number;
  /** Hyperparameter overrides given with it (`seqlab check FILE --set name=value`). */
  readonly set?: Readonly<Record<string, string | number>>;
}

/** One catalogue entry: a stable code and everything a person needs to act on it. */
export interface DiagnosticDef {
  /** The stable code, `SEQnnnn`; never reused for another meaning. */
  readonly code: string;
  /** The severity it is reported with. */
  readonly severity: Severity;
  /** One line saying what went wrong (the docs' heading). */
  readonly summary: string;
  /** The form of the message, with `{placeholders}` for the parts that vary. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
  /** A minimal input that triggers it, when no golden case shows it. */
  readonly example?: DiagnosticExample;
}

/** A package's catalogue: entries keyed by the name call sites report them with. */
export type DiagnosticCatalogue = Readonly<Record<string, DiagnosticDef>>;

/**
 * Declare a catalogue, keeping its literal keys and codes for typed call sites while
 * checking every entry against {@link DiagnosticDef}.
 */
export function defineCatalogue<const T extends Record<string, DiagnosticDef>>(entries: T): T {
  return entries;
}

/** Optional parts of a reported diagnostic. */
export interface DiagnosticExtras {
  readonly hint?: string;
  readonly related?: readonly RelatedInfo[];
}

/**
 * A diagnostic for catalogue entry `def` at `span`. `hint` and `related` are left out when
 * not given, so the object is the same as one written out by hand.
 */
export function diagnosticOf(
  def: DiagnosticDef,
  message: string,
  span: Span,
  extras: DiagnosticExtras = {},
): Diagnostic {
  const { hint, related } = extras;
  return {
    code: def.code,
    severity: def.severity,
    message,
    span,
    ...(hint === undefined ? {} : { hint }),
    ...(related === undefined ? {} : { related }),
  };
}
