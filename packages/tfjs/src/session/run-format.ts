/**
 * The run directory format shared by `seqlab train` (which writes folders) and the
 * playground (which downloads and loads zips of the same files).
 */

/** The file names of a run. */
export const RUN_FILES = {
  source: 'model.seq',
  ir: 'model.ir.json',
  config: 'config.json',
  vocab: 'vocab.json',
  weights: 'weights.safetensors',
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
  /** `--limit`: only the first N training examples were used. */
  readonly limit?: number | null;
}

/** What checkpoint.json records: where training stands. */
export interface Checkpoint {
  readonly epoch: number;
  readonly step: number;
  readonly best: { readonly metric: string; readonly value: number; readonly epoch: number } | null;
  readonly epochsWithoutImprovement: number;
}
