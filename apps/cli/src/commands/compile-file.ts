/** Shared by commands that compile one `.seq` file: read, compile, print diagnostics. */
import { compile, type CompileResult, type SetValue } from '@seqlab/compiler';
import type { IrModule } from '@seqlab/ir';
import { readSource, UsageError } from '../io/files.js';
import { nodeHost } from '../io/node-host.js';
import { renderAll } from '../output/diagnostics.js';
import { diagnosticStyle } from '../output/style.js';

/** A compiled model, or a thrown {@link CompileFailed} after printing the errors. */
export interface Compiled {
  readonly result: CompileResult;
  readonly module: IrModule;
}

/** Compilation failed; the diagnostics were already printed to stderr. Exit code 1. */
export class CompileFailed extends Error {
  constructor() {
    super('compilation failed');
    this.name = 'CompileFailed';
  }
}

/** Compile `path`; warnings go to stderr; errors print and throw {@link CompileFailed}. */
export function compileFile(
  path: string,
  opts: { model?: string; set?: Record<string, SetValue> },
): Compiled {
  const text = readSource(path);
  const result = compile(text, {
    file: path,
    host: nodeHost,
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    ...(opts.set ? { set: opts.set } : {}),
  });
  if (result.diagnostics.length > 0) {
    process.stderr.write(
      renderAll(result.diagnostics, result.sources, diagnosticStyle(process.stderr)) + '\n',
    );
  }
  if (!result.module) {
    if (result.diagnostics.some((d) => d.severity === 'error')) throw new CompileFailed();
    throw new UsageError(`${path}: no model to compile (the file declares none)`);
  }
  return { result, module: result.module };
}
