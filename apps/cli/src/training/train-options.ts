/** The options of `seqlab train` and the few that need parsing beyond commander. */
import { UsageError } from '../io/files.js';

/** `seqlab train` options as commander hands them over. */
export interface TrainOptions {
  data?: string;
  dataOpt?: string[];
  epochs?: string;
  set?: string[];
  backend?: string;
  threads?: string;
  out?: string;
  force?: boolean;
  resume?: string;
  seed?: string;
  model?: string;
  batch?: string;
  limit?: string;
  watchGrads?: string | boolean;
  checkpointEvery?: string;
  stopAtStep?: string;
  /** `tfjs` (default) or `torch`, and the torch engine's own flags. */
  engine?: string;
  nproc?: string;
  device?: string;
  nnodes?: string;
  nodeRank?: string;
  rdzvEndpoint?: string;
  python?: string;
}

/** When a checkpoint is due during an epoch (every epoch's end always has one). */
export type CheckpointEvery =
  | { readonly kind: 'steps'; readonly steps: number }
  | { readonly kind: 'time'; readonly seconds: number };

/** The default: a few minutes of training at most is lost to a crash or `kill -9`. */
export const DEFAULT_CHECKPOINT_EVERY = '5m';

/** `--checkpoint-every N` (steps) or `Ns` / `Nm` / `Nh` (training time). */
export function parseCheckpointEvery(v: string = DEFAULT_CHECKPOINT_EVERY): CheckpointEvery {
  const m = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(v.trim());
  const n = Number(m?.[1]);
  if (m && n > 0) {
    if (m[2] === '') {
      if (Number.isInteger(n)) return { kind: 'steps', steps: n };
    } else {
      return { kind: 'time', seconds: n * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'] };
    }
  }
  throw new UsageError(
    `--checkpoint-every ${v}: give a number of steps (e.g. 500) or a time (30s, 5m, 1h)`,
  );
}

/** Flags that would change a run's data, model or order: a resumed run keeps its own. */
const FIXED_ON_RESUME = ['data', 'dataOpt', 'set', 'model', 'seed', 'batch', 'limit'] as const;

/** Refuse a resume that asks for a different run than the one recorded. */
export function checkResumeFlags(file: string | undefined, opts: TrainOptions): void {
  if (file !== undefined) {
    throw new UsageError(`give either FILE or --resume ${opts.resume ?? 'DIR'}, not both`);
  }
  if (opts.force) throw new UsageError('--force replaces a run; it does not go with --resume');
  const given = FIXED_ON_RESUME.filter((k) => opts[k] !== undefined);
  if (given.length > 0) {
    throw new UsageError(
      `--resume continues the run as it was recorded; ${given.map((k) => (k === 'dataOpt' ? '--data-opt' : `--${k}`)).join(', ')} ` +
        `cannot change (start a new run with --out to train differently)`,
    );
  }
}
