/**
 * The run directory format shared by `seqlab train` (which writes folders) and the
 * playground (which downloads and loads zips of the same files).
 */
import type { EpochStats } from './session.js';

/** The file names of a run. */
export const RUN_FILES = {
  source: 'model.seq',
  ir: 'model.ir.json',
  config: 'config.json',
  vocab: 'vocab.json',
  weights: 'weights.safetensors',
  /** The folder of the latest checkpoint, `checkpoints/step-NNNNNNNNNN/`. */
  checkpoints: 'checkpoints',
  /** In a checkpoint folder, beside its weights.safetensors and metrics.jsonl. */
  optimizer: 'optimizer.safetensors',
  checkpoint: 'checkpoint.json',
  metrics: 'metrics.jsonl',
  curves: 'curves.svg',
  summary: 'summary.json',
} as const;

/** What config.json records. */
export interface RunConfig {
  readonly seqlab: string;
  readonly model: string;
  readonly source_file: string;
  readonly hyperparameters: Record<string, unknown>;
  readonly set: Record<string, unknown>;
  readonly train: unknown;
  readonly data: {
    readonly ref: unknown;
    readonly name: string;
    readonly task: string;
    readonly unit: 'chars' | 'words';
  };
  readonly fields: readonly { name: string; kind: string; time?: string; width?: number }[];
  readonly inputs: readonly string[];
  readonly targets: readonly string[];
  readonly binding: unknown;
  readonly backend: string;
  readonly seed: number;
  readonly batch: number;
  readonly epochs: number;
  readonly metrics: readonly string[];
  /** The engine that trained the run, when not the tfjs engine (`--engine torch`). */
  readonly engine?: { readonly name: 'torch'; readonly nproc: number; readonly device: string };
  /** `--limit`: only the first N training examples were used. */
  readonly limit?: number | null;
}

/**
 * What a checkpoint's checkpoint.json records: where training stands, consistent with the
 * weights, optimiser state and metrics.jsonl saved in the same folder. Dropout masks derive
 * from (seed, step), so the step count restores the random state too.
 */
export interface Checkpoint {
  readonly format: 2;
  /** Epochs completed. */
  readonly epoch: number;
  /** Batches of the next epoch already trained (0 at an epoch boundary). */
  readonly batch: number;
  /** Optimisation steps taken (the schedule's and the dropout's position). */
  readonly step: number;
  /** Running totals of the epoch in progress (its train loss and clipped steps go on). */
  readonly epochStats: EpochStats;
  readonly best: { readonly metric: string; readonly value: number; readonly epoch: number } | null;
  readonly epochsWithoutImprovement: number;
  /** Training seconds so far, summed over every process that trained the run. */
  readonly seconds: number;
}
