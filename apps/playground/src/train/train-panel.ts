/**
 * The Train panel: data set, settings from the train block, Train / Pause / Stop, live loss
 * and metric charts, samples/s, the live gradient-flow heatmap, and the run's download and
 * upload. The cards are built in their own files; this one wires them to a run.
 */
import type { SequenceDataset } from '@seqlab/data';
import type { Tf } from '@seqlab/tfjs';
import { inputVocabHyperparameters } from '@seqlab/compiler';
import { dataHyperparameters, recurrentLayers } from '@seqlab/tfjs';
import type { Compiled } from '../compile/compile-source.js';
import { download, runArchive } from '../run/load-run.js';
import type { PlaygroundState } from '../state/playground-state.js';
import type { TrainedModel } from '../try/trained-model.js';
import { gradHeatmapPanel, type GradHeatmapPanel } from '../views/grad-heatmap-panel.js';
import type { Panel } from '../views/panel.js';
import { readUserDataset, type BrowserDatasets } from './browser-datasets.js';
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
import {
  loadData,
  prepareRun,
  trainBlockDataset,
  type DataChoice,
  type PreparedRun,
} from './train-runner.js';

/** What the panel needs from the page. */
export interface TrainPanelHooks {
  readonly tf: Tf;
  readonly datasets: BrowserDatasets;
  compiled(): Compiled | undefined;
  state(): PlaygroundState;
  update(patch: Partial<PlaygroundState>): void;
  /** Change hyperparameter overrides and recompile now (sizes the data decides). */
  setHyperparameters(set: PlaygroundState['set']): void;
  /** A model finished (or paused) training: Try can use it. `source` is what it was trained from. */
  onTrained(tm: TrainedModel, source: string): void;
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

/** Create the panel. */
export function trainPanel(hooks: TrainPanelHooks): Panel & { readonly busy: () => boolean } {
  let userFile: DataChoice | undefined;
  let run: PreparedRun | undefined;
  let progress: TrainProgress | undefined;
  let starting = false;
  /** Notes about the run (hyperparameters set from the data). */
  let notes: string[] = [];
  let runSource: RunSource = { source: '', set: {} };

  const { c, settings, view, heatmap, el } = trainPanelParts(hooks);

  const render = (): void => {
    const p = progress;
    showPhase(
      c,
      p?.phase ?? 'idle',
      starting,
      run !== undefined && p !== undefined && p.step !== 0,
    );
    if (p) view.render(p, run?.metric ?? 'loss', notes);
  };

  /** Make `prepared` the panel's run: its progress and gradients are shown from now on. */
  const adopt = (prepared: PreparedRun): void => {
    run?.session.dispose();
    run = prepared;
    runSource = { source: hooks.state().source, set: hooks.state().set };
    // A freshly built model: its heatmap starts empty (Pause/Resume keep the same run).
    heatmap.reset(HEATMAP_WAITING);
    watchRun(prepared, () => run === prepared, heatmap, {
      progress(p) {
        progress = p;
        render();
      },
      firstStep: () => hooks.onTrained(prepared.trained, runSource.source),
    });
  };

  const start = async (): Promise<void> => {
    if (run && progress?.phase === 'paused') {
      void run.controller.run();
      return;
    }
    const compiled = hooks.compiled();
    if (!compiled) return;
    starting = true;
    showProblems(c, []);
    render();
    try {
      const data = await loadData(dataChoice(c.select, userFile), hooks.datasets);
      if (!('dataset' in data)) return showProblems(c, data.problems);
      notes = fitToData(compiled, data.dataset, hooks);
      const current = hooks.compiled() ?? compiled;
      const prepared = prepareRun(current, data.dataset, hooks.state().train, hooks.tf);
      if (!prepared.ok) return showProblems(c, prepared.problems);
      adopt(prepared);
      starting = false;
      await prepared.controller.run();
    } finally {
      starting = false;
      render();
    }
  };

  c.trainButton.addEventListener('click', () => void start());
  c.pauseButton.addEventListener('click', () => run?.controller.pause());
  c.stopButton.addEventListener('click', () => run?.controller.stop());
  c.downloadButton.addEventListener('click', () => {
    if (run && progress) downloadRun(run, progress, runSource, hooks.tf.getBackend());
  });
  wireRunLoading(c, hooks.onLoadRun);
  wireDataChoice(c, hooks.update, (file) => (userFile = file));

  return {
    el,
    busy: () => starting || progress?.phase === 'running' || progress?.phase === 'paused',
    update(compiled, visible) {
      const state = hooks.state();
      const wanted = state.dataset ?? trainBlockDataset(compiled) ?? 'names';
      if (c.select.value !== FILE_OPTION && c.select.value !== wanted) c.select.value = wanted;
      settings.update(compiled, state.train);
      // Until a run exists, the heatmap speaks of the model in the editor.
      if (!run) heatmap.reset(heatmapNote(compiled));
      render();
      if (visible) heatmap.redraw();
    },
  };
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
function dataChoice(select: HTMLSelectElement, userFile: DataChoice | undefined): DataChoice {
  if (select.value === FILE_OPTION && userFile) return userFile;
  return { kind: 'builtin', name: select.value };
}

/**
 * Set the hyperparameters the data decides (vocabulary sizes and the like) and recompile;
 * returns notes saying what was set, for the stats line.
 */
function fitToData(compiled: Compiled, dataset: SequenceDataset, hooks: TrainPanelHooks): string[] {
  const fromData = dataHyperparameters(
    inputVocabHyperparameters(compiled.result.program, compiled.result.model ?? ''),
    dataset,
    hooks.state().set,
  );
  if (!fromData.notes.length) return [];
  hooks.setHyperparameters({ ...hooks.state().set, ...fromData.set });
  return fromData.notes.map((n) => `set from the data: ${n}`);
}

/** What a run's subscribers report back to the panel. */
interface RunListener {
  progress(p: TrainProgress): void;
  /** The run took its first step (called once). */
  firstStep(): void;
}

/**
 * Feed `prepared`'s gradient measurements to `heatmap` and its progress to `listener`, for as
 * long as `isCurrent()` (a newer run replaces it).
 */
function watchRun(
  prepared: PreparedRun,
  isCurrent: () => boolean,
  heatmap: GradHeatmapPanel,
  listener: RunListener,
): void {
  prepared.grads.subscribe((e) => {
    if (!isCurrent()) return;
    if (e.kind === 'sample') heatmap.add(e.step, e.report);
    else heatmap.unavailable(e.reason);
  });
  let announced = false;
  prepared.controller.subscribe((p) => {
    if (!isCurrent()) return;
    listener.progress(p);
    // Offer the model to Try from its first step: it can be tried while it learns.
    if (p.step > 0 && !announced) {
      announced = true;
      listener.firstStep();
    }
  });
}

/** Download `r` as the zip of the run folder `seqlab train` would write. */
function downloadRun(r: PreparedRun, p: TrainProgress, from: RunSource, backend: string): void {
  const model = r.trained.model.module.model;
  void runArchive(
    r.trained,
    {
      ...from,
      train: r.training,
      backend,
      seed: r.training.seed,
      batch: r.training.batchSize,
      epochs: p.epoch,
      metrics: [...r.training.metrics],
      steps: p.step,
      ...(p.evals.length ? { valid: p.evals[p.evals.length - 1]?.values ?? {} } : {}),
    },
    `${model}-playground`,
  ).then((bytes) => download(bytes, `${model}-playground.zip`));
}

/**
 * The data set select: a built-in goes to the page state; the file option opens the file
 * picker, and a picked file is read, handed to `onFile`, named in the select, and its
 * problems listed.
 */
function wireDataChoice(
  c: TrainControls,
  update: TrainPanelHooks['update'],
  onFile: (file: DataChoice) => void,
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
    onFile({ kind: 'file', name: f.name, result });
    const option = c.select.querySelector(`option[value="${FILE_OPTION}"]`);
    if (option) option.textContent = `your file: ${f.name}`;
    showProblems(
      c,
      result.diagnostics ? result.diagnostics.map((d) => `${d.code}: ${d.message}`) : [],
    );
  });
}
