/**
 * One compile of the editor's text: the same `check` the CLI runs (every model and train
 * block), the layer report for the selected model, and how long it took.
 */
import { check, memoryHost, type CompileResult, type SetValue } from '@seqlab/compiler';
import { analyzeModule, type ModuleReport } from '@seqlab/ir';
import type { HyperParam, Program } from '@seqlab/syntax';
import { exampleFiles } from './examples.js';

/** The file name the editor's text compiles as (imports resolve beside it). */
export const EDITOR_FILE = 'model.seq';

/** A compile and what derives from it. */
export interface Compiled {
  readonly text: string;
  readonly result: CompileResult;
  /** Present when the selected model compiled. */
  readonly report?: ModuleReport;
  /** The selected model's hyperparameters with their default text, in order. */
  readonly hyperparameters: readonly {
    name: string;
    defaultText?: string;
    /** Where the default is written in the text (to write a new one there). */
    defaultSpan?: { readonly start: number; readonly end: number };
  }[];
  readonly ms: number;
}

/** Options of {@link compileSource}. */
export interface CompileSourceOptions {
  readonly model?: string;
  readonly set?: Readonly<Record<string, SetValue>>;
}

const host = memoryHost(exampleFiles());

/** Hyperparameters of `model` (or the first model) of `program` as declared. */
function declaredParams(program: Program, model?: string): readonly HyperParam[] {
  const models = program.items.filter((i) => i.kind === 'ModelDecl');
  const decl = models.find((m) => m.name.name === model) ?? models[0];
  return decl?.params ?? [];
}

/**
 * Compile `text`. Overrides for hyperparameters the model no longer declares are dropped
 * (the user may have renamed one since setting it) rather than reported.
 */
export function compileSource(text: string, opts: CompileSourceOptions = {}): Compiled {
  const t0 = performance.now();
  const checkWith = (set: Readonly<Record<string, SetValue>>): CompileResult =>
    check(text, {
      file: EDITOR_FILE,
      host,
      set,
      ...(opts.model !== undefined ? { model: opts.model } : {}),
    });
  // One parse on every keystroke: the overrides are checked against the declared names
  // after the compile, which is repeated only in the rare case of a stale override.
  let result = checkWith(opts.set ?? {});
  const params = declaredParams(result.program, opts.model);
  const names = new Set(params.map((p) => p.name.name));
  const stale = Object.keys(opts.set ?? {}).some((k) => !names.has(k));
  if (stale) {
    result = checkWith(
      Object.fromEntries(Object.entries(opts.set ?? {}).filter(([k]) => names.has(k))),
    );
  }
  const report = result.module ? analyzeModule(result.module) : undefined;
  const hyperparameters = params.map((p) => ({
    name: p.name.name,
    ...(p.default
      ? {
          defaultText: text.slice(p.default.span.start, p.default.span.end),
          defaultSpan: { start: p.default.span.start, end: p.default.span.end },
        }
      : {}),
  }));
  return {
    text,
    result,
    ...(report ? { report } : {}),
    hyperparameters,
    ms: performance.now() - t0,
  };
}
