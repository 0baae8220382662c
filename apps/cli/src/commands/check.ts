/** `seqlab check FILE...`: report every problem in each file; exit 1 if any is an error. */
import type { Command } from 'commander';
import { check } from '@seqlab/compiler';
import { readSource } from '../io/files.js';
import { nodeHost } from '../io/node-host.js';
import { collectSet, parseSets } from '../io/set-options.js';
import { diagnosticsJson, renderAll, summarise } from '../output/diagnostics.js';
import { diagnosticStyle } from '../output/style.js';

interface CheckOptions {
  json?: boolean;
  set?: string[];
}

/** Register `check`. */
export function registerCheck(program: Command, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('parse and type-check .seq files; print every diagnostic with its position')
    .argument('<files...>', '.seq files to check')
    .option('--json', 'print diagnostics as JSON')
    .option('--set <name=value>', 'override a hyperparameter (repeatable)', collectSet)
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab check examples/*.seq
  $ seqlab check model.seq --json

Each problem is printed as FILE(LINE,COL): error SEQnnnn: message, with the source line
underlined. Exit status: 0 when no file has errors, 1 otherwise.`,
    )
    .action((files: string[], opts: CheckOptions) => {
      const set = parseSets(opts.set);
      const json: unknown[] = [];
      let errors = false;
      const style = diagnosticStyle();
      for (const file of files) {
        const result = check(readSource(file), { file, host: nodeHost, set });
        if (result.diagnostics.some((d) => d.severity === 'error')) errors = true;
        if (opts.json) {
          json.push(...diagnosticsJson(result.diagnostics, result.sources));
        } else if (result.diagnostics.length > 0) {
          process.stdout.write(renderAll(result.diagnostics, result.sources, style) + '\n');
        }
        if (!opts.json && files.length > 1) {
          process.stdout.write(`${file}: ${summarise(result.diagnostics)}\n`);
        } else if (!opts.json && result.diagnostics.length === 0) {
          process.stdout.write(`${file}: no problems\n`);
        }
      }
      if (opts.json) process.stdout.write(JSON.stringify(json, null, 2) + '\n');
      setExit(errors ? 1 : 0);
    });
}
