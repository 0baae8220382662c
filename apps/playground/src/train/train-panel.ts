/**
 * The Train panel: data set, settings from the train block, Train / Pause / Stop, live loss
 * and metric charts, samples/s, the live gradient-flow heatmap, and the run's download and
 * upload. The cards are built in their own files; this one wires them to a run.
 */
import type { Tf } from '@seqlab/tfjs';
import { inputVocabHyperparameters } from '@seqlab/compiler';
import { dataHyperparameters, recurrentLayers } from '@seqlab/tfjs';
import type { Compiled } from '../compile/compile-source.js';
import { download, runArchive } from '../run/load-run.js';
import type { PlaygroundState } from '../state/playground-state.js';
import type { TrainedModel } from '../try/trained-model.js';
import { h, replaceChildren } from '../ui/dom.js';
import { gradHeatmapPanel } from '../views/grad-heatmap-panel.js';
import type { Panel } from '../views/panel.js';
import { DATASET_CHOICES, readUserDataset, type BrowserDatasets } from './browser-datasets.js';
import { NO_RECURRENT_LAYER } from './grad-sampler.js';
import { progressView } from './progress-view.js';
import { settingsCard } from './settings-card.js';
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

const FILE_OPTION = '__file__';

/** What the heatmap says before the first measurement of a model with recurrent layers. */
const HEATMAP_WAITING =
  'Train to see ‖∂L/∂h_t‖ of each recurrent layer at every time step, measured as training goes.';

/** The heatmap's note for `compiled` before any run. */
function heatmapNote(compiled: Compiled): string {
  const module = compiled.result.module;
  return module && recurrentLayers(module).length === 0 ? NO_RECURRENT_LAYER : HEATMAP_WAITING;
}

/** Create the panel. */
export function trainPanel(hooks: TrainPanelHooks): Panel & { readonly busy: () => boolean } {
  let userFile: DataChoice | undefined;
  let run: PreparedRun | undefined;
  let progress: TrainProgress | undefined;
  let starting = false;
  /** Notes about the run (hyperparameters set from the data). */
  let notes: string[] = [];
  /** The text and overrides the current run was trained from (for its download). */
  let runSource = { source: '', set: {} as PlaygroundState['set'] };

  const select = h(
    'select',
    { 'data-testid': 'dataset-select', 'aria-label': 'data set' },
    ...DATASET_CHOICES.map((c) => h('option', { value: c.name }, c.label)),
    h('option', { value: FILE_OPTION }, 'your own file… (CSV, JSONL, text, .npy)'),
  );
  const fileInput = h('input', {
    type: 'file',
    accept: '.csv,.tsv,.jsonl,.ndjson,.txt,.npy',
    hidden: true,
  });
  const runInput = h('input', {
    type: 'file',
    multiple: true,
    accept: '.zip,.json,.safetensors,.seq',
    hidden: true,
  });
  const folderInput = h('input', { type: 'file', webkitdirectory: true, hidden: true });

  const settings = settingsCard(hooks.state, hooks.update);
  const view = progressView();
  const heatmap = gradHeatmapPanel();

  const trainButton = h('button', { class: 'primary', 'data-testid': 'train-button' }, 'Train');
  const pauseButton = h('button', { disabled: true }, 'Pause');
  const stopButton = h('button', { 'data-testid': 'stop-button', disabled: true }, 'Stop');
  const downloadButton = h(
    'button',
    {
      disabled: true,
      title: 'a zip of the run folder `seqlab train` writes (weights, vocabularies, config)',
    },
    'Download run',
  );
  const loadButton = h(
    'button',
    { title: 'a run zip, or the files of a `seqlab train` run folder' },
    'Load run…',
  );
  const folderButton = h('button', { title: 'a `seqlab train` run folder' }, 'Load folder…');

  const problems = h('ul', { class: 'problems-box', hidden: true });

  const el = h(
    'div',
    { class: 'panel train' },
    h(
      'div',
      { class: 'cards' },
      h(
        'section',
        { class: 'card' },
        h('h3', {}, 'Data'),
        h('div', { class: 'row' }, select, fileInput),
        h(
          'p',
          { class: 'hint' },
          'Corpora are subsets cut at build time; synthetic sets are generated here.',
        ),
      ),
      settings.el,
    ),
    h(
      'div',
      { class: 'row buttons' },
      trainButton,
      pauseButton,
      stopButton,
      h('span', { class: 'spacer' }),
      downloadButton,
      loadButton,
      folderButton,
      runInput,
      folderInput,
    ),
    problems,
    view.stats,
    view.lossCard,
    view.validCard,
    heatmap.el,
  );

  const showProblems = (list: readonly string[]): void => {
    problems.hidden = list.length === 0;
    replaceChildren(problems, ...list.map((p) => h('li', {}, p)));
  };

  const dataChoice = (): DataChoice => {
    if (select.value === FILE_OPTION && userFile) return userFile;
    return { kind: 'builtin', name: select.value };
  };

  const render = (): void => {
    const p = progress;
    const phase = p?.phase ?? 'idle';
    const running = phase === 'running' || starting;
    trainButton.disabled = running;
    trainButton.textContent =
      phase === 'paused' ? 'Resume' : starting ? 'Preparing…' : running ? 'Training…' : 'Train';
    pauseButton.disabled = phase !== 'running';
    stopButton.disabled = !(phase === 'running' || phase === 'paused');
    downloadButton.disabled = !run || !p || p.step === 0 || running;
    select.disabled = running || phase === 'paused';
    if (p) view.render(p, run?.metric ?? 'loss', notes);
  };

  const start = async (): Promise<void> => {
    if (run && progress?.phase === 'paused') {
      void run.controller.run();
      return;
    }
    const compiled = hooks.compiled();
    if (!compiled) return;
    starting = true;
    showProblems([]);
    render();
    try {
      const data = await loadData(dataChoice(), hooks.datasets);
      if (!('dataset' in data)) return showProblems(data.problems);
      const fromData = dataHyperparameters(
        inputVocabHyperparameters(compiled.result.program, compiled.result.model ?? ''),
        data.dataset,
        hooks.state().set,
      );
      if (fromData.notes.length) {
        hooks.setHyperparameters({ ...hooks.state().set, ...fromData.set });
        notes = fromData.notes.map((n) => `set from the data: ${n}`);
      } else notes = [];
      const current = hooks.compiled() ?? compiled;
      const prepared = prepareRun(current, data.dataset, hooks.state().train, hooks.tf);
      if (!prepared.ok) return showProblems(prepared.problems);
      run?.session.dispose();
      run = prepared;
      runSource = { source: hooks.state().source, set: hooks.state().set };
      const thisRun = prepared;
      // A freshly built model: its heatmap starts empty (Pause/Resume keep the same run).
      heatmap.reset(HEATMAP_WAITING);
      prepared.grads.subscribe((e) => {
        if (run !== thisRun) return;
        if (e.kind === 'sample') heatmap.add(e.step, e.report);
        else heatmap.unavailable(e.reason);
      });
      let announced = false;
      prepared.controller.subscribe((p) => {
        if (run !== thisRun) return;
        progress = p;
        render();
        // Offer the model to Try from its first step: it can be tried while it learns.
        if (p.step > 0 && !announced) {
          announced = true;
          hooks.onTrained(thisRun.trained, runSource.source);
        }
      });
      starting = false;
      await prepared.controller.run();
    } finally {
      starting = false;
      render();
    }
  };

  trainButton.addEventListener('click', () => void start());
  pauseButton.addEventListener('click', () => run?.controller.pause());
  stopButton.addEventListener('click', () => run?.controller.stop());
  downloadButton.addEventListener('click', () => {
    const r = run;
    const p = progress;
    if (!r || !p) return;
    const model = r.trained.model.module.model;
    void runArchive(
      r.trained,
      {
        ...runSource,
        train: r.training,
        backend: hooks.tf.getBackend(),
        seed: r.training.seed,
        batch: r.training.batchSize,
        epochs: p.epoch,
        metrics: [...r.training.metrics],
        steps: p.step,
        ...(p.evals.length ? { valid: p.evals[p.evals.length - 1]?.values ?? {} } : {}),
      },
      `${model}-playground`,
    ).then((bytes) => download(bytes, `${model}-playground.zip`));
  });
  loadButton.addEventListener('click', () => runInput.click());
  folderButton.addEventListener('click', () => folderInput.click());
  for (const input of [runInput, folderInput]) {
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      if (files.length) hooks.onLoadRun(files);
      input.value = '';
    });
  }
  select.addEventListener('change', () => {
    if (select.value === FILE_OPTION) {
      fileInput.click();
      return;
    }
    hooks.update({ dataset: select.value });
  });
  fileInput.addEventListener('change', async () => {
    const f = fileInput.files?.[0];
    if (!f) return;
    const result = readUserDataset(f.name, new Uint8Array(await f.arrayBuffer()));
    userFile = { kind: 'file', name: f.name, result };
    const option = select.querySelector(`option[value="${FILE_OPTION}"]`);
    if (option) option.textContent = `your file: ${f.name}`;
    showProblems(
      result.diagnostics ? result.diagnostics.map((d) => `${d.code}: ${d.message}`) : [],
    );
  });

  return {
    el,
    busy: () => starting || progress?.phase === 'running' || progress?.phase === 'paused',
    update(compiled, visible) {
      const state = hooks.state();
      const wanted = state.dataset ?? trainBlockDataset(compiled) ?? 'names';
      if (select.value !== FILE_OPTION && select.value !== wanted) select.value = wanted;
      settings.update(compiled, state.train);
      // Until a run exists, the heatmap speaks of the model in the editor.
      if (!run) heatmap.reset(heatmapNote(compiled));
      render();
      if (visible) heatmap.redraw();
    },
  };
}
