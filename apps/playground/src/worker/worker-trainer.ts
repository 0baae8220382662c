/**
 * The training worker's state and its answers to the page's commands: the data, the run
 * (session, controller, gradient sampler) and the model Try uses. The worker entry
 * (train.worker.ts) only routes messages here. Progress goes out as deltas after every step.
 */
import type { SequenceDataset } from '@seqlab/data';
import { moduleFromJson } from '@seqlab/ir';
import { dataHyperparameters, type Tf } from '@seqlab/tfjs';
import { openRun, runArchive } from '../run/load-run.js';
import { BrowserDatasets, readUserDataset } from '../train/browser-datasets.js';
import { loadData, prepareRun, type PreparedRun } from '../train/train-runner.js';
import { predictFor } from '../try/prediction.js';
import type { TrainedModel } from '../try/trained-model.js';
import {
  progressDelta,
  type DataRequest,
  type PageToWorker,
  type PrepareCommand,
  type SentCounts,
  type TrainCommand,
  type WorkerToPage,
} from './protocol.js';

/** Sends a message to the page (with buffers to transfer). */
export type Post = (m: WorkerToPage, transfer?: Transferable[]) => void;

/** Answers the page; see the module comment. */
export class WorkerTrainer {
  private dataset?: SequenceDataset;
  private run?: PreparedRun;
  private tryModel?: TrainedModel;
  private readonly sent: SentCounts = { losses: 0, evals: 0 };
  private readonly datasets: BrowserDatasets;

  constructor(
    private readonly tf: Tf,
    base: string,
    private readonly post: Post,
  ) {
    this.datasets = new BrowserDatasets(async (file) => {
      const res = await fetch(new URL(`corpora/${file}`, base));
      if (!res.ok) throw new Error(`corpora/${file}: HTTP ${res.status}`);
      return res.text();
    });
  }

  /** Handle one command (init is the entry's). */
  async handle(m: PageToWorker): Promise<void> {
    switch (m.type) {
      case 'prepare':
        return this.prepare(m);
      case 'train':
        return this.train(m);
      case 'pause':
        this.run?.controller.pause();
        return;
      case 'resume':
        if (this.run?.controller.progress.phase === 'paused') await this.run.controller.run();
        return;
      case 'stop':
        this.run?.controller.stop();
        return;
      case 'measure':
        this.run?.grads.measureNow(this.run.controller.progress.step);
        return;
      default:
        return this.request(m);
    }
  }

  /** The commands that only read: predict, download, load a run. */
  private async request(m: PageToWorker): Promise<void> {
    if (m.type === 'predict') {
      if (!this.tryModel)
        return this.post({ type: 'problems', id: m.id, problems: ['no model yet'] });
      this.post({ type: 'prediction', id: m.id, prediction: predictFor(this.tryModel, m.text) });
    } else if (m.type === 'download') await this.download(m.id, m.source, m.set);
    else if (m.type === 'load-run') await this.loadRun(m.id, m.files);
  }

  private async prepare(m: PrepareCommand): Promise<void> {
    const data = await loadData(dataChoiceOf(m.data), this.datasets);
    if (!('dataset' in data))
      return this.post({ type: 'problems', id: m.id, problems: data.problems });
    this.dataset = data.dataset;
    const fit = dataHyperparameters(m.vocabBounds, data.dataset, m.set);
    this.post({ type: 'prepared', id: m.id, set: fit.set, notes: fit.notes });
  }

  private async train(m: TrainCommand): Promise<void> {
    const ir = moduleFromJson(m.module);
    const problems = (p: readonly string[]): void =>
      this.post({ type: 'problems', id: m.id, problems: p });
    if (!ir.ok) return problems([`the compiled model did not reach the worker: ${ir.error}`]);
    if (!this.dataset) return problems(['no data loaded']);
    const prepared = prepareRun(
      { module: ir.module, spec: m.spec },
      this.dataset,
      m.overrides,
      this.tf,
    );
    if (!prepared.ok) return problems(prepared.problems);
    this.run?.session.dispose();
    this.run = prepared;
    this.tryModel = prepared.trained;
    this.sent.losses = 0;
    this.sent.evals = 0;
    const { trained, metric } = prepared;
    this.post({
      type: 'started',
      id: m.id,
      run: {
        name: trained.model.module.model,
        task: trained.dataset.task,
        origin: trained.origin,
        metric,
      },
    });
    prepared.grads.subscribe((grads) => {
      if (this.run === prepared) this.post({ type: 'grads', grads });
    });
    prepared.controller.subscribe((p) => {
      if (this.run === prepared)
        this.post({ type: 'progress', delta: progressDelta(p, this.sent) });
    });
    await prepared.controller.run();
  }

  private async download(
    id: number,
    source: string,
    set: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    const r = this.run;
    if (!r) return this.post({ type: 'problems', id, problems: ['nothing trained yet'] });
    const p = r.controller.progress;
    const model = r.trained.model.module.model;
    const bytes = await runArchive(
      r.trained,
      {
        source,
        set: set as Parameters<typeof runArchive>[1]['set'],
        train: r.training,
        backend: this.tf.getBackend(),
        seed: r.training.seed,
        batch: r.training.batchSize,
        epochs: p.epoch,
        metrics: [...r.training.metrics],
        steps: p.step,
        ...(p.evals.length ? { valid: p.evals[p.evals.length - 1]?.values ?? {} } : {}),
      },
      `${model}-playground`,
    );
    this.post({ type: 'run-zip', id, name: `${model}-playground.zip`, bytes }, [bytes.buffer]);
  }

  private async loadRun(
    id: number,
    files: readonly { name: string; bytes: Uint8Array }[],
  ): Promise<void> {
    const r = await openRun(files, this.tf);
    if (!r.ok) return this.post({ type: 'problems', id, problems: r.problems });
    if (this.tryModel !== this.run?.trained) this.tryModel?.model.dispose();
    this.tryModel = r.trained;
    const tm = r.trained;
    this.post({
      type: 'loaded',
      id,
      run: {
        name: tm.model.module.model,
        task: tm.dataset.task,
        origin: tm.origin,
        config: r.config,
        ...(r.source !== undefined ? { source: r.source } : {}),
      },
    });
  }
}

/** The train runner's data choice for a request (a file is read here, off the page). */
function dataChoiceOf(d: DataRequest): Parameters<typeof loadData>[0] {
  return d.kind === 'builtin'
    ? d
    : { kind: 'file', name: d.name, result: readUserDataset(d.name, d.bytes) };
}
