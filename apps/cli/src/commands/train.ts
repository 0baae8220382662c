/**
 * `seqlab train FILE`: train a model on its data set and leave a complete run directory.
 * Three stages, each in training/: prepare (compile, data, session, run directory), run
 * (the epoch loop with its checkpoints) and report (final metrics, summary, table).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { TorchWorkerError } from '@seqlab/engine-torch';
import { collectSet } from '../io/set-options.js';
import { THREADS_HELP } from '../io/threads-option.js';
import { prepareTraining } from '../training/prepare.js';
import { collectDataOpt } from '../training/read-options.js';
import { reportTraining } from '../training/report.js';
import { runTraining } from '../training/run-loop.js';
import { trainWorkerNode } from '../training/worker-node.js';
import { DEFAULT_CHECKPOINT_EVERY, type TrainOptions } from '../training/train-options.js';

const TRAIN_HELP = `
Examples:
  $ seqlab train examples/names.seq
  $ seqlab train examples/names.seq --epochs 3 --set hidden=32 --out runs/small
  $ seqlab train --resume runs/small --epochs 6
  $ seqlab train my.seq --data reviews.csv --data-opt unit=words

Your own data: name it in the train block (train M on csv("reviews.csv", unit = "words"),
a path relative to the .seq file) or with --data; run seqlab data FILE first to see what
the reader makes of it. Formats and every reader option: docs/data.md.

The run directory holds model.seq, model.ir.json, config.json, vocab.json,
weights.safetensors (PyTorch names), metrics.jsonl, curves.svg, summary.json and
checkpoints/step-N/ (weights, optimiser state, data position and metrics of step N,
replaced as one, so kill -9 at any moment leaves a resumable run).
Ctrl-C stops after the current step and saves a checkpoint of it. --resume continues at
the next step with the same data order and random state, on the run's backend: on cpu
the result equals an uninterrupted run bit for bit. --epochs is the total number of epochs.
--engine torch runs the same model, data and train block on PyTorch (torch.distributed
DDP launched with torchrun; gloo on cpu, nccl on cuda) and writes the same run directory.
Several nodes: run the same command on each with --nnodes N --node-rank R --rdzv-endpoint
HOST:PORT of node 0; node 0 writes the run. See README "Scaling out".
Exit codes: 0 done (or stopped by --stop-at-step), 1 errors in the model or data or a
non-finite loss or output, 2 bad usage (e.g. --out onto a run without --force), 130 Ctrl-C.`;

/** The torch engine's flags (README "Scaling out"). */
function addEngineOptions(command: Command): Command {
  return command
    .option(
      '--engine <name>',
      'tfjs (default) or torch: train on PyTorch, with DDP for --nproc > 1',
    )
    .option(
      '--nproc <n>',
      'torch engine: processes on this machine (one per GPU on cuda; default 1)',
    )
    .option('--device <name>', 'torch engine: auto (cuda when torch sees a GPU), cpu or cuda')
    .option('--nnodes <n>', 'torch engine: machines taking part (default 1)')
    .option(
      '--node-rank <r>',
      "torch engine: this machine's rank, 0 to nnodes - 1 (node 0 drives the run)",
    )
    .option('--rdzv-endpoint <host:port>', "torch engine: node 0's address, the same on every node")
    .option(
      '--python <path>',
      'torch engine: the Python with torch (default: python3, then /usr/bin/python3)',
    );
}

/** Register `train`. */
export function registerTrain(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('train')
    .description('train a .seq model on its data set; writes a run directory')
    .argument('[file]', '.seq file with a model (and usually a train block)')
    .option('--data <name|path>', "built-in data set or data file (default: the train block's)")
    .option(
      '--data-opt <name=value>',
      'set one reader option, e.g. unit=words or max_len=100 (repeatable; overrides the train block; see seqlab data --help)',
      collectDataOpt,
    )
    .option('--epochs <n>', "total epochs (default: the train block's; on --resume, the run's)")
    .option('--set <name=value>', 'override a hyperparameter (repeatable)', collectSet)
    .option(
      '--backend <name>',
      "tfjs backend: tfjs-node-gpu, tfjs-node, wasm, cpu or auto (default: auto; on --resume, the run's)",
    )
    .option('--threads <n>', THREADS_HELP)
    .option('--out <dir>', 'run directory (default: runs/MODEL-DATE-TIME); must not hold a run')
    .option('--force', 'with --out: replace the run already in that directory')
    .option('--resume <dir>', 'continue a run exactly where its last checkpoint left it')
    .option('--seed <n>', "seed for weights, dropout and data order (default: the train block's)")
    .option('--model <name>', 'which model of the file (default: the first)')
    .option('--batch <n>', "batch size (default: the train block's)")
    .option(
      '--limit <n>',
      'train on a seeded random sample of N training examples, valid and test cut in proportion (quick experiments)',
    )
    .option(
      '--checkpoint-every <n|time>',
      `checkpoint during an epoch every N steps, or every 30s / 5m / 1h of training (default ${DEFAULT_CHECKPOINT_EVERY}); every epoch's end always has one`,
    )
    .option('--stop-at-step <n>', 'stop as Ctrl-C does once N steps are done (resume later)')
    .option(
      '--watch-grads [n]',
      'every N steps (default 50) log per-step gradient norms of each recurrent layer to grads.jsonl; warn on exploding norms',
    );
  addEngineOptions(command)
    .addHelpText('after', TRAIN_HELP)
    .action(async (fileArg: string | undefined, opts: TrainOptions) => {
      setExit(await train(fileArg, opts));
    });
}

/** A dead torch worker: its last lines, and how to continue from the last checkpoint. */
function workerFailure(e: TorchWorkerError, resumeHint: string): string {
  const lines = e.lines.map((l) => `  | ${l}`).join('\n');
  return `error: ${e.message}; its last lines:\n${lines}\nthe last checkpoint is kept: ${resumeHint}`;
}

async function train(fileArg: string | undefined, opts: TrainOptions): Promise<number> {
  if (opts.engine === 'torch' && opts.nodeRank !== undefined && opts.nodeRank !== '0') {
    return trainWorkerNode(fileArg, opts);
  }
  const prepared = await prepareTraining(fileArg, opts);
  if (typeof prepared === 'number') return prepared;
  const { session, progress, what, start, dir, backend, params } = prepared;
  try {
    for (const n of what.notes) progress.note(`set from the data: ${n}`);
    const ds = what.dataset;
    const n = (v: number): string => v.toLocaleString('en-US');
    progress.note(
      `${what.modelName}: ${n(params)} parameters | ${ds.name}: ${n(ds.splits.train.length)} train / ${n(ds.splits.valid.length)} valid / ${n(ds.splits.test.length)} test | backend ${backend} | run ${dir}`,
    );
    if (prepared.resumed) {
      const c = start.checkpoint;
      const patience = what.spec.earlyStopping;
      const early = patience !== undefined && c.epochsWithoutImprovement >= patience;
      if ((c.epoch >= prepared.epochs || early) && existsSync(join(dir, 'summary.json'))) {
        progress.note(
          early
            ? `${dir} stopped early after ${c.epoch} epochs (valid ${c.best?.metric ?? 'loss'} no longer improved)`
            : `${dir} has finished its ${c.epoch} epochs; give --epochs N (the total) to train further`,
        );
        return 0;
      }
      progress.note(
        `resuming at step ${c.step}: epoch ${c.epoch + 1}, batch ${c.batch + 1} of ${session.stepsPerEpoch}`,
      );
    }
    const run = await runTraining(prepared, opts);
    return run.finished ? await reportTraining(prepared, run) : run.exitCode;
  } catch (e) {
    if (!(e instanceof TorchWorkerError)) throw e;
    progress.endEpoch(workerFailure(e, prepared.resumeHint));
    return 1;
  } finally {
    await session.dispose();
    prepared.release();
  }
}
