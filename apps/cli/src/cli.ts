/**
 * The `seqlab` command line. Each command lives in `commands/`; this file wires them and
 * turns every failure into a one-line message and an exit code (never a stack trace):
 * 0 success, 1 problems in the user's model or data, 2 bad usage or files, 70 a bug in
 * seqlab (see output/internal-error.ts).
 */
import { Command, CommanderError } from 'commander';
import { SequenceTooShortError } from '@seqlab/tfjs';
import { registerCheck } from './commands/check.js';
import { CompileFailed } from './commands/compile-file.js';
import { registerFmt } from './commands/fmt.js';
import { registerGraph } from './commands/graph.js';
import { registerInspect } from './commands/inspect.js';
import { registerTrain } from './commands/train.js';
import { registerEval } from './commands/eval.js';
import { registerPredict } from './commands/predict.js';
import { registerGenerate } from './commands/generate.js';
import { registerGrad } from './commands/grad.js';
import { registerWeights } from './commands/weights.js';
import { registerRun } from './commands/run.js';
import { registerExport } from './commands/export.js';
import { registerBench } from './commands/bench.js';
import { registerData } from './commands/data.js';
import { UsageError } from './io/files.js';
import { reportInternalError } from './output/internal-error.js';

import { VERSION } from './version.js';

/** Build the commander program (exported for tests of help texts). */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('seqlab')
    .description('Describe, train and understand sequence models written in .seq files.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCheck(program, setExit);
  registerInspect(program);
  registerGraph(program);
  registerFmt(program, setExit);
  registerTrain(program, setExit);
  registerEval(program, setExit);
  registerPredict(program);
  registerGenerate(program);
  registerGrad(program, setExit);
  registerWeights(program);
  registerRun(program, setExit);
  registerExport(program);
  registerBench(program, setExit);
  registerData(program, setExit);
  program.addHelpText(
    'after',
    `
Examples:
  $ seqlab check examples/*.seq
  $ seqlab data my-data.csv
  $ seqlab inspect examples/names.seq
  $ seqlab graph examples/stacked-rnn.seq --unroll 3 -o unrolled.svg
  $ seqlab fmt --check examples/*.seq
  $ seqlab train examples/names.seq
  $ seqlab predict runs/NameGender-... --input maria

Run seqlab COMMAND --help for each command's options.

Exit status: 0 success; 1 the model or data has errors (diagnostics printed);
2 bad usage (options, missing files); 70 an internal error, a bug in seqlab
(one line to report; SEQLAB_DEBUG=1 prints its stack).`,
  );
  return program;
}

/** Run the CLI on `argv` (as process.argv); resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let exit = 0;
  const program = buildProgram((code) => {
    exit = Math.max(exit, code);
  });
  try {
    await program.parseAsync([...argv]);
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" to commander but successes to the user.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CompileFailed) return 1;
    // A sequence too short for a valid window is the input's fault, not a bug.
    if (e instanceof UsageError || e instanceof SequenceTooShortError) {
      process.stderr.write(`seqlab: ${e.message}\n`);
      return 2;
    }
    // Output piped into a reader that closed (`seqlab ... | head -1`): nothing is wrong.
    if ((e as NodeJS.ErrnoException | null)?.code === 'EPIPE') return 0;
    return reportInternalError(e, argv);
  }
}
