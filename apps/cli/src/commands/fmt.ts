/** `seqlab fmt FILE...`: print, check or rewrite files in the canonical style. */
import type { Command } from 'commander';
import { format } from '@seqlab/syntax';
import { SourceFile } from '@seqlab/diagnostics';
import { readSource, UsageError, writeTextAtomic } from '../io/files.js';
import { renderAll } from '../output/diagnostics.js';
import { diagnosticStyle } from '../output/style.js';

interface FmtOptions {
  check?: boolean;
  write?: boolean;
}

/** Register `fmt`. */
export function registerFmt(program: Command, setExit: (code: number) => void): void {
  program
    .command('fmt')
    .description('format .seq files in the canonical style (comments kept)')
    .argument('<files...>', '.seq files')
    .option('--check', 'only report files that are not formatted; exit 1 if any')
    .option('--write', 'rewrite the files in place')
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab fmt model.seq            # print the formatted file
  $ seqlab fmt --write examples/*.seq
  $ seqlab fmt --check examples/*.seq

Files with syntax errors are left untouched and their errors printed.`,
    )
    .action((files: string[], opts: FmtOptions) => {
      if (opts.check && opts.write) throw new UsageError('use --check or --write, not both');
      if (!opts.check && !opts.write && files.length > 1) {
        throw new UsageError('printing several files would mix them; use --write or --check');
      }
      let failed = false;
      for (const file of files) {
        const text = readSource(file);
        const result = format(text, file);
        if (result.text === undefined) {
          const sources = new Map([[file, new SourceFile(file, text)]]);
          process.stderr.write(
            renderAll(result.diagnostics, sources, diagnosticStyle(process.stderr)) + '\n',
          );
          failed = true;
          continue;
        }
        if (opts.check) {
          if (result.text !== text) {
            process.stdout.write(`${file}: not formatted\n`);
            failed = true;
          }
        } else if (opts.write) {
          if (result.text !== text) {
            writeTextAtomic(file, result.text);
            process.stdout.write(`formatted ${file}\n`);
          }
        } else process.stdout.write(result.text);
      }
      setExit(failed ? 1 : 0);
    });
}
