/** `seqlab graph FILE`: the dataflow graph as dot, mermaid or SVG; `--unroll N` over time. */
import { Option, type Command } from 'commander';
import { toDot, toMermaid, toSvg, unrolledSvg } from '@seqlab/diagrams';
import { UsageError, writeTextAtomic } from '../io/files.js';
import { collectSet, parseSets } from '../io/set-options.js';
import { compileFile } from './compile-file.js';

type Format = 'dot' | 'mermaid' | 'svg';

/**
 * Most nodes the SVG dataflow layout draws: dagre's layout grows much faster than the graph
 * (100 sums of one input took seconds), and a drawing of more boxes is unreadable anyway.
 * Dot and mermaid text have no limit: Graphviz lays out large graphs well.
 */
const MAX_SVG_NODES = 100;

interface GraphOptions {
  format?: Format;
  output?: string;
  unroll?: string;
  model?: string;
  set?: string[];
  theme?: 'light' | 'dark';
}

function formatFor(opts: GraphOptions): Format {
  if (opts.format) return opts.format;
  const ext = opts.output?.split('.').pop()?.toLowerCase();
  if (ext === 'svg') return 'svg';
  if (ext === 'mmd' || ext === 'mermaid') return 'mermaid';
  if (opts.unroll !== undefined) return 'svg';
  return 'dot';
}

/** Register `graph`. */
export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description('draw the model: dataflow graph (dot, mermaid, svg) or the unrolled recurrence')
    .argument('<file>', '.seq file')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['dot', 'mermaid', 'svg']),
    )
    .option('-o, --output <path>', 'write to a file (format from its extension) instead of stdout')
    .option('--unroll <steps>', 'draw the recurrence unrolled over this many time steps (SVG)')
    .addOption(
      new Option('--theme <theme>', 'SVG colours').choices(['light', 'dark']).default('light'),
    )
    .option('--model <name>', 'which model of the file (default: the first)')
    .option('--set <name=value>', 'override a hyperparameter (repeatable)', collectSet)
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab graph examples/names.seq -o names.svg
  $ seqlab graph examples/stacked-rnn.seq --unroll 3 -o unrolled.svg
  $ seqlab graph examples/names.seq --format mermaid`,
    )
    .action((file: string, opts: GraphOptions) => {
      const { module } = compileFile(file, {
        ...(opts.model !== undefined ? { model: opts.model } : {}),
        set: parseSets(opts.set),
      });
      const format = formatFor(opts);
      const theme = opts.theme ?? 'light';
      let text: string;
      if (opts.unroll !== undefined) {
        const steps = Number(opts.unroll);
        if (!Number.isInteger(steps) || steps < 1 || steps > 64) {
          throw new UsageError(
            `--unroll ${opts.unroll}: give a whole number of steps from 1 to 64`,
          );
        }
        if (format !== 'svg')
          throw new UsageError('--unroll draws SVG; use --format svg or -o FILE.svg');
        text = unrolledSvg(module, steps, { theme });
      } else if (format === 'svg') {
        const nodes = module.graph.nodes.length;
        if (nodes > MAX_SVG_NODES) {
          throw new UsageError(
            `the graph has ${nodes} nodes; the SVG layout draws at most ${MAX_SVG_NODES}: use --format dot (and Graphviz) or --format mermaid`,
          );
        }
        text = toSvg(module, { theme });
      } else if (format === 'mermaid') text = toMermaid(module);
      else text = toDot(module);
      if (opts.output) {
        writeTextAtomic(opts.output, text.endsWith('\n') ? text : text + '\n');
        process.stderr.write(`wrote ${opts.output}\n`);
      } else process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    });
}
