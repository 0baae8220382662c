/**
 * `seqlab train --engine torch --nnodes N --node-rank R` with R > 0: this machine runs its
 * share of the processes and follows node 0, which drives the run and writes the run
 * directory. The job is prepared here from the same .seq and data (in a temporary folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../io/files.js';
import { prepareTraining } from './prepare.js';
import { isTorchSession } from './torch-engine.js';
import type { TrainOptions } from './train-options.js';

/** Join node 0's run; the exit code is 0 when the processes ended cleanly. */
export async function trainWorkerNode(
  fileArg: string | undefined,
  opts: TrainOptions,
): Promise<number> {
  if (opts.resume !== undefined) {
    throw new UsageError(
      '--resume goes on node 0 only; on the other nodes run the same command without it (node 0 sends the state)',
    );
  }
  const tmp = mkdtempSync(join(tmpdir(), 'seqlab-node-'));
  try {
    const prepared = await prepareTraining(fileArg, {
      ...opts,
      out: join(tmp, 'run'),
      force: true,
    });
    if (typeof prepared === 'number') return prepared;
    try {
      const session = prepared.session;
      if (!isTorchSession(session)) throw new Error('a worker node needs the torch engine');
      process.stderr.write(
        `node ${opts.nodeRank} of ${opts.nnodes}: joining node 0 at ${opts.rdzvEndpoint}; node 0 drives the run and writes it\n`,
      );
      const code = await session.joinAsWorker();
      process.stderr.write(`node ${opts.nodeRank}: the run ended (exit ${code})\n`);
      return code === 0 ? 0 : 1;
    } finally {
      await prepared.session.dispose();
      prepared.release();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
