/**
 * One compile of the editor's text: the same `check` the CLI runs (every model and train
 * block), the layer report for the selected model, and how long it took.
 */
import { check, memoryHost, type CompileResult, type SetValue } from '@seqlab/compiler';
import { analyzeModule, type ModuleReport } from '@seqlab/ir';
import { parse, type HyperParam } from '@seqlab/syntax';
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

/** Hyperparameters of `model` (or the first model) as declared, for the header controls. */
function declaredParams(text: string, model?: string): readonly HyperParam[] {
  const models = parse(text, EDITOR_FILE).program.items.filter((i) => i.kind === 'ModelDecl');
  const decl = models.find((m) => m.name.name === model) ?? models[0];
  return decl?.params ?? [];
}

/**
 * Compile `text`. Overrides for hyperparameters the model no longer declares are dropped
 * (the user may have renamed one since setting it) rather than reported.
 */
export function compileSource(text: string, opts: CompileSourceOptions = {}): Compiled {
  const t0 = performance.now();
  const params = declaredParams(text, opts.model);
  const names = new Set(params.map((p) => p.name.name));
  const set = Object.fromEntries(Object.entries(opts.set ?? {}).filter(([k]) => names.has(k)));
  const result = check(text, {
    file: EDITOR_FILE,
    host,
    set,
    ...(opts.model !== undefined ? { model: opts.model } : {}),
  });
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
