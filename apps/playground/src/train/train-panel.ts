/**
 * The Train panel: data set, settings from the train block, Train / Pause / Stop, live loss
 * and metric charts, samples/s, the live gradient-flow heatmap, and the run's download and
 * upload. The model trains in the training worker; this file sends it commands and draws
 * what it reports, at most once per frame. The cards are built in their own files.
 */
import { inputVocabHyperparameters } from '@seqlab/compiler';
import { moduleToJson } from '@seqlab/ir';
import { recurrentLayers } from '@seqlab/tfjs';
import type { Compiled } from '../compile/compile-source.js';
import { download } from '../run/load-run.js';
import type { PlaygroundState } from '../state/playground-state.js';
import type { TryModel } from '../try/try-panel.js';
import { gradHeatmapPanel, type GradHeatmapPanel } from '../views/grad-heatmap-panel.js';
import type { Panel } from '../views/panel.js';
import { mergeProgress, type DataRequest, type StartedRun } from '../worker/protocol.js';
import type { TrainingClient } from '../worker/training-client.js';
import { readUserDataset } from './browser-datasets.js';
import { NO_RECURRENT_LAYER } from './grad-sampler.js';
import { progressView, type ProgressView } from './progress-view.js';
import { settingsCard, type SettingsCard } from './settings-card.js';
import {
  FILE_OPTION,
  showPhase,
  showProblems,
  trainControls,
  trainPanelLayout,
  wireRunLoading,
  type TrainControls,
} from './train-panel-view.js';
import type { TrainProgress } from './training-controller.js';

/** What the panel needs from the page. */
export interface TrainPanelHooks {
  readonly client: TrainingClient;
  compiled(): Compiled | undefined;
  state(): PlaygroundState;
  update(patch: Partial<PlaygroundState>): void;
  /**
   * Change hyperparameter overrides and recompile now (sizes the data decides); `notes` says
   * why, per hyperparameter, for the hyperparameter bar.
   */
  setHyperparameters(set: PlaygroundState['set'], notes: Readonly<Record<string, string>>): void;
  /** A model is training (from its first step): Try can use it. `source` is what it was trained from. */
  onTrained(model: TryModel, source: string): void;
  /** Run files were picked (a zip, a folder, or the files of one run). */
  onLoadRun(files: readonly File[]): void;
}

/** What the heatmap says before the first measurement of a model with recurrent layers. */
const HEATMAP_WAITING =
  'Train to see ‖∂L/∂h_t‖ of each recurrent layer at every time step, measured as training goes.';

/** The heatmap's note for `compiled` before any run. */
function heatmapNote(compiled: Compiled): string {
  const module = compiled.result.module;
  return module && recurrentLayers(module).length === 0 ? NO_RECURRENT_LAYER : HEATMAP_WAITING;
}

/** The text and overrides a run was trained from (for its download). */
interface RunSource {
  readonly source: string;
  readonly set: PlaygroundState['set'];
}

/** The panel's view of the worker's run. */
interface RunView {
  run?: StartedRun;
  progress?: TrainProgress;
  starting: boolean;
  /** Stop was pressed and the worker has not yet said the run stopped. */
  stopping: boolean;
  /** Notes about the run (hyperparameters set from the data). */
  notes: string[];
  from: RunSource;
  announced: boolean;
}

/** Create the panel. */
export function trainPanel(hooks: TrainPanelHooks): Panel & { readonly busy: () => boolean } {
  let userFile: File | undefined;
  const v: RunView = {
    starting: false,
    stopping: false,
    notes: [],
    from: { source: '', set: {} },
    announced: false,
  };
  const { c, settings, view, heatmap, el } = trainPanelParts(hooks);
  const render = renderer(c, view, v);
  listenToWorker(hooks, heatmap, v, render);

  const start = async (): Promise<void> => {
    if (v.run && v.progress?.phase === 'paused') return hooks.client.send({ type: 'resume' });
    v.starting = true;
    showProblems(c, []);
    render();
    try {
      const data = await dataRequest(c.select, userFile);
      const problems = await startRun(hooks, data, v, heatmap);
      showProblems(c, problems);
    } finally {
      v.starting = false;
      render();
    }
  };

  c.trainButton.addEventListener('click', () => void start());
  c.pauseButton.addEventListener('click', () => {
    hooks.client.send({ type: 'pause' });
    // The heatmap's last column then shows the weights training paused at.
    hooks.client.send({ type: 'measure' });
  });
  c.stopButton.addEventListener('click', () => {
    hooks.client.send({ type: 'stop' });
    v.stopping = true;
    render();
  });
  c.downloadButton.addEventListener('click', () => void downloadRun(hooks.client, v.from));
  wireRunLoading(c, hooks.onLoadRun);
  wireDataChoice(c, hooks.update, (file) => (userFile = file));

  /** Whether the last update found the panel shown (a tab switch repaints, a compile does not). */
  let shownBefore = false;
  return {
    el,
    busy: () => v.starting || v.progress?.phase === 'running' || v.progress?.phase === 'paused',
    update(compiled, visible) {
      const state = hooks.state();
      const wanted = state.dataset ?? trainBlockDataset(compiled) ?? 'names';
      if (c.select.value !== FILE_OPTION && c.select.value !== wanted) c.select.value = wanted;
      settings.update(compiled, state.train);
      // Until a run exists, the heatmap speaks of the model in the editor.
      if (!v.run) heatmap.reset(heatmapNote(compiled));
      render();
      // The canvas paints itself on resize and on each new column; a repaint per compile
      // (per pause in typing) cost a frame or more, so only a newly shown tab repaints.
      if (visible && !shownBefore) heatmap.redraw();
      shownBefore = visible;
    },
  };
}

/** The built-in a model's train block names, if any. */
export function trainBlockDataset(c: Compiled | undefined): string | undefined {
  const d = c?.result.train?.dataset;
  return d?.kind === 'builtin' ? d.name : undefined;
}

/** Draw `v` now, or (with `later`) once at the next frame however many reports arrive. */
function renderer(c: TrainControls, view: ProgressView, v: RunView): (later?: boolean) => void {
  let queued = false;
  const draw = (): void => {
    queued = false;
    const p = v.progress;
    const phase = p?.phase ?? 'idle';
    if (phase !== 'running' && phase !== 'paused') v.stopping = false;
    showPhase(c, phase, {
      starting: v.starting,
      stopping: v.stopping,
      canDownload: v.run !== undefined && p !== undefined && p.step !== 0,
    });
    if (p) view.render(p, v.run?.metric ?? 'loss', v.notes);
  };
  return (later = false) => {
    if (!later) return draw();
    if (queued) return;
    queued = true;
    requestAnimationFrame(draw);
  };
}

/** Follow the worker: progress into `v` (and Try from the first step), gradients into the heatmap. */
function listenToWorker(
  hooks: TrainPanelHooks,
  heatmap: GradHeatmapPanel,
  v: RunView,
  render: (later?: boolean) => void,
): void {
  hooks.client.listen({
    progress(delta) {
      v.progress = mergeProgress(v.progress, delta);
      render(true);
      const run = v.run;
      // Offer the model to Try from its first step: it can be tried while it learns.
      if (run && delta.step > 0 && !v.announced) {
        v.announced = true;
        hooks.onTrained(workerModel(hooks.client, run), v.from.source);
      }
    },
    grads(g) {
      if (g.kind === 'sample') heatmap.add(g.step, g.report);
      else heatmap.unavailable(g.reason);
    },
  });
}

/** The model training in the worker, for Try. */
export function workerModel(
  client: TrainingClient,
  m: { readonly name: string; readonly task: string; readonly origin: string },
): TryModel {
  return {
    ...m,
    async predict(text) {
      const r = await client.request<'predict'>({ type: 'predict', text });
      if (r.type === 'problems') throw new Error(r.problems.join('; '));
      return r.prediction;
    },
  };
}

/**
 * Load the data in the worker, set the hyperparameters it decides (recompiling), then build
 * and start the run there. Returns the problems that stopped it (none once it runs).
 */
async function startRun(
  hooks: TrainPanelHooks,
  data: DataRequest,
  v: RunView,
  heatmap: GradHeatmapPanel,
): Promise<readonly string[]> {
  const compiled = hooks.compiled();
  if (!compiled?.result.module) return ['the model has errors: fix them in the editor first'];
  const transfer = data.kind === 'file' ? [data.bytes.buffer as ArrayBuffer] : [];
  const prepared = await hooks.client.request<'prepare'>(
    {
      type: 'prepare',
      data,
      vocabBounds: inputVocabHyperparameters(compiled.result.program, compiled.result.model ?? ''),
      set: hooks.state().set,
    },
    transfer,
  );
  if (prepared.type === 'problems') return prepared.problems;
  v.notes = prepared.notes.map((n) => `set from the data: ${n}`);
  if (prepared.notes.length) {
    const why = Object.fromEntries(
      Object.keys(prepared.set).map((k) => [
        k,
        prepared.notes.find((n) => n.startsWith(`${k} =`)) ?? k,
      ]),
    );
    hooks.setHyperparameters({ ...hooks.state().set, ...prepared.set }, why);
  }
  const current = hooks.compiled() ?? compiled;
  const module = current.result.module;
  if (!module) return ['the model has errors with the sizes the data decides'];
  const started = await hooks.client.request<'train'>({
    type: 'train',
    module: moduleToJson(module),
    ...(current.result.train ? { spec: current.result.train } : {}),
    overrides: hooks.state().train,
  });
  if (started.type === 'problems') return started.problems;
  v.run = started.run;
  v.progress = undefined;
  v.announced = false;
  v.from = { source: hooks.state().source, set: hooks.state().set };
  // A freshly built model: its heatmap starts empty (Pause/Resume keep the same run).
  heatmap.reset(HEATMAP_WAITING);
  return [];
}

/** Build the panel's controls and cards, laid out. */
function trainPanelParts(hooks: TrainPanelHooks): {
  readonly c: TrainControls;
  readonly settings: SettingsCard;
  readonly view: ProgressView;
  readonly heatmap: GradHeatmapPanel;
  readonly el: HTMLElement;
} {
  const c = trainControls();
  const settings = settingsCard(hooks.state, hooks.update);
  const view = progressView();
  const heatmap = gradHeatmapPanel();
  return { c, settings, view, heatmap, el: trainPanelLayout(c, settings.el, view, heatmap.el) };
}

/** The data set to train on: the picked file while the select says so, else a built-in. */
async function dataRequest(
  select: HTMLSelectElement,
  file: File | undefined,
): Promise<DataRequest> {
  if (select.value === FILE_OPTION && file) {
    return { kind: 'file', name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  return { kind: 'builtin', name: select.value };
}

/** Download the worker's run as the zip of the run folder `seqlab train` would write. */
async function downloadRun(client: TrainingClient, from: RunSource): Promise<void> {
  const r = await client.request<'download'>({ type: 'download', ...from });
  if (r.type === 'run-zip') download(r.bytes, r.name);
}

/**
 * The data set select: a built-in goes to the page state; the file option opens the file
 * picker, and a picked file is handed to `onFile`, named in the select, and its problems
 * listed (read here once for that; the worker reads it again to train).
 */
function wireDataChoice(
  c: TrainControls,
  update: TrainPanelHooks['update'],
  onFile: (file: File) => void,
): void {
  c.select.addEventListener('change', () => {
    if (c.select.value === FILE_OPTION) {
      c.fileInput.click();
      return;
    }
    update({ dataset: c.select.value });
  });
  c.fileInput.addEventListener('change', async () => {
    const f = c.fileInput.files?.[0];
    if (!f) return;
    const result = readUserDataset(f.name, new Uint8Array(await f.arrayBuffer()));
    onFile(f);
    const option = c.select.querySelector(`option[value="${FILE_OPTION}"]`);
    if (option) option.textContent = `your file: ${f.name}`;
    showProblems(
      c,
      result.diagnostics ? result.diagnostics.map((d) => `${d.code}: ${d.message}`) : [],
    );
  });
}
