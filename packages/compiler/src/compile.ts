/**
 * The compiler facade: `.seq` text in, IR module and diagnostics out. Never throws for
 * anything a user can type; diagnostics are sorted and stable.
 */
import { sortDiagnostics, type Diagnostic, type SourceFile, type Span } from '@seqlab/diagnostics';
import { eliminateDeadCode, runPasses, type IrModule } from '@seqlab/ir';
import type { ModelDecl, Program } from '@seqlab/syntax';
import type { CompileHost } from './host.js';
import { MAX_PARAMETERS, showCount } from './limits.js';
import { elaborateModel } from './model/elaborate-model.js';
import { resolveHyperparameters, type SetValue } from './program/hyperparameters.js';
import { loadProgram, type LoadedProgram } from './program/load.js';
import { Reporter } from './reporter.js';
import { checkTrain, type TrainSpec } from './train/train-spec.js';

/** Options of {@link compile} and {@link check}. */
export interface CompileOptions {
  /** The file name used in spans and to resolve imports (default `model.seq`). */
  readonly file?: string;
  /** Which model to compile (default: the first model of the file). */
  readonly model?: string;
  /** Hyperparameter overrides (`--set hidden=32`). */
  readonly set?: Readonly<Record<string, SetValue>>;
  /** File access for imports. */
  readonly host?: CompileHost;
}

/** What a compilation produced. `module` is present only when there were no errors. */
export interface CompileResult {
  readonly diagnostics: Diagnostic[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly program: Program;
  /** Models declared in the entry file, in order. */
  readonly models: readonly string[];
  /** The model that was compiled. */
  readonly model?: string;
  readonly module?: IrModule;
  /** The selected model's train block, if it has one and it is valid. */
  readonly train?: TrainSpec;
}

/** Compile one model of `text` (the selected or first one) and check the train blocks. */
export function compile(text: string, options: CompileOptions = {}): CompileResult {
  return run(text, options, false);
}

/**
 * Check a whole file: every model of the entry file with its defaults (and `set` where it
 * applies) and every train block. `module` is the selected model's, as with compile.
 */
export function check(text: string, options: CompileOptions = {}): CompileResult {
  return run(text, options, true);
}

function run(text: string, options: CompileOptions, all: boolean): CompileResult {
  const file = options.file ?? 'model.seq';
  const rep = new Reporter();
  const program = loadProgram(text, file, options.host, rep);
  const sources = new Map([...program.files].map(([p, f]) => [p, f.source]));
  const base = { sources, program: program.entry.program, models: program.entryModels };

  const selected = selectModel(program, options.model, file, rep);
  const trains = checkTrains(program, rep);

  let module: IrModule | undefined;
  if (selected) module = compileModel(selected, options.set ?? {}, program, rep);
  if (all) {
    for (const name of program.entryModels) {
      const decl = program.models.get(name);
      if (!decl || decl === selected) continue;
      // Other models are checked with their defaults; ones that need --set are skipped.
      if (decl.params.some((p) => !p.default && !(options.set && p.name.name in options.set)))
        continue;
      compileModel(decl, {}, program, rep);
    }
  }
  const diagnostics = sortDiagnostics(rep.diagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  const train = selected ? trains.get(selected.name.name) : undefined;
  return {
    ...base,
    diagnostics,
    ...(selected ? { model: selected.name.name } : {}),
    ...(module && !failed ? { module } : {}),
    ...(train && !failed ? { train } : {}),
  };
}

function selectModel(
  program: LoadedProgram,
  name: string | undefined,
  file: string,
  rep: Reporter,
): ModelDecl | undefined {
  if (name !== undefined) {
    const decl = program.models.get(name);
    if (!decl) {
      const known = [...program.models.keys()];
      rep.error(
        'unknownModel',
        { file, start: 0, end: 0 },
        `no model named \`${name}\`${known.length ? `; models: ${known.join(', ')}` : ''}`,
      );
    }
    return decl;
  }
  const first = program.entryModels[0];
  if (first === undefined) {
    // A file of cells only is fine to check; compiling it needs a model.
    return undefined;
  }
  return program.models.get(first);
}

function compileModel(
  decl: ModelDecl,
  set: Readonly<Record<string, SetValue>>,
  program: LoadedProgram,
  rep: Reporter,
): IrModule | undefined {
  if (program.hasSyntaxError(decl)) return undefined;
  const hyper = resolveHyperparameters(decl, set, rep);
  if (!hyper) return undefined;
  const module = elaborateModel(decl, hyper, program, rep);
  if (!module || !withinParameterLimit(module, decl, rep)) return undefined;
  return runPasses(module, [eliminateDeadCode]);
}

/** Report a model whose parameters add up past {@link MAX_PARAMETERS}, with the count. */
function withinParameterLimit(module: IrModule, decl: ModelDecl, rep: Reporter): boolean {
  let total = 0;
  let largest: { name: string; size: number; span?: Span } | undefined;
  for (const p of Object.values(module.params)) {
    const size = p.shape.reduce((a, b) => a * b, 1);
    total += size;
    if (!largest || size > largest.size) largest = { name: p.name, size, span: p.span };
  }
  if (total <= MAX_PARAMETERS) return true;
  rep.error(
    'parameterLimit',
    decl.name.span,
    `model ${decl.name.name} would have ${showCount(total)} parameters; seqlab allows at most ${showCount(MAX_PARAMETERS)}`,
    'make the layers narrower or fewer; see "Limits" in docs/language.md',
    largest?.span
      ? [
          {
            message: `the largest is ${largest.name} with ${showCount(largest.size)}`,
            span: largest.span,
          },
        ]
      : [],
  );
  return false;
}

function checkTrains(program: LoadedProgram, rep: Reporter): Map<string, TrainSpec> {
  const specs = new Map<string, TrainSpec>();
  const seen = new Set<string>();
  for (const t of program.trains) {
    const name = t.model.name;
    if (!program.models.has(name)) {
      rep.error('unknownModel', t.model.span, `train block for unknown model \`${name}\``);
      continue;
    }
    if (seen.has(name)) {
      rep.error('duplicateTrain', t.model.span, `model ${name} already has a train block`);
      continue;
    }
    seen.add(name);
    if (program.hasSyntaxError(t)) continue;
    const spec = checkTrain(t, rep);
    if (spec) specs.set(name, spec);
  }
  return specs;
}
