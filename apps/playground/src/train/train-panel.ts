/**
 * The Train panel: data set, settings from the train block, Train / Pause / Stop, live loss
 * and metric charts, samples/s, and the run's download and upload.
 */
import type { Tf } from '@seqlab/tfjs';
import type { Compiled } from '../compile/compile-source.js';
import type { PlaygroundState, TrainOverrides } from '../state/playground-state.js';
import type { TrainedModel } from '../try/trained-model.js';
import { h, replaceChildren } from '../ui/dom.js';
import type { Panel } from '../views/panel.js';
import { LineChart, smooth } from '../views/line-chart.js';
import { DATASET_CHOICES, readUserDataset, type BrowserDatasets } from './browser-datasets.js';
import {
  loadData,
  prepareRun,
  trainBlockDataset,
  type DataChoice,
  type PreparedRun,
} from './train-runner.js';
import { download, runArchive } from '../run/load-run.js';
import { inputVocabHyperparameters } from '@seqlab/compiler';
import { dataHyperparameters } from '@seqlab/tfjs';
import { resolveTraining } from './session-options.js';
import type { TrainProgress } from './training-controller.js';
import { metricText } from './metric-text.js';

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
/** Most loss points kept in the page's data attribute (the chart keeps them all). */
const HISTORY_ATTR_MAX = 2000;

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

  const field = (label: string, key: keyof TrainOverrides, step: string): HTMLInputElement => {
    const input = h('input', {
      type: 'number',
      min: 0,
      step,
      'aria-label': label,
      'data-setting': key,
    });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      const train = { ...hooks.state().train };
      if (input.value === '' || !(v > 0)) delete train[key];
      else train[key] = v;
      hooks.update({ train });
    });
    return input;
  };
  const lr = field('learning rate', 'lr', 'any');
  const batch = field('batch size', 'batch', '1');
  const epochs = field('epochs', 'epochs', '1');
  const clip = field('clip norm', 'clipNorm', 'any');
  const optimizerText = h('span', { class: 'muted' });

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

  const stats = h('div', { class: 'stats' });
  const problems = h('ul', { class: 'problems-box', hidden: true });
  const lossBox = h('div', { class: 'chart', 'data-testid': 'loss-chart' });
  const metricBox = h('div', { class: 'metric', 'data-testid': 'metric' }, '—');
  const validBox = h('div', { class: 'chart small' });
  const lossChart = new LineChart(lossBox, {
    xLabel: 'step',
    yLabel: 'loss',
    series: [
      { label: 'loss', stroke: 'rgba(37, 99, 235, 0.35)', width: 1 },
      { label: 'smoothed', stroke: '#1d4ed8', width: 2 },
    ],
  });
  const validChart = new LineChart(validBox, {
    xLabel: 'step',
    yLabel: 'validation',
    height: 160,
    series: [
      { label: 'valid loss', stroke: '#9333ea', width: 2, points: true },
      { label: 'metric', stroke: '#059669', width: 2, points: true },
    ],
  });

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
      h(
        'section',
        { class: 'card' },
        h('h3', {}, 'Settings ', optimizerText),
        h(
          'div',
          { class: 'settings' },
          h('label', {}, 'learning rate', lr),
          h('label', {}, 'batch', batch),
          h('label', {}, 'epochs', epochs),
          h('label', {}, 'clip norm', clip),
        ),
      ),
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
    stats,
    h('section', { class: 'card' }, h('h3', {}, 'Training loss'), lossBox),
    h('section', { class: 'card' }, h('h3', {}, 'Validation'), metricBox, validBox),
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
    if (!p) return;
    const last = p.losses[p.losses.length - 1];
    replaceChildren(
      stats,
      h('span', { class: `phase ${p.phase}` }, p.phase),
      h(
        'span',
        {},
        `epoch ${Math.min(p.epoch + (p.phase === 'running' ? 1 : 0), p.epochs)} / ${p.epochs}`,
      ),
      h('span', {}, `batch ${p.batch} / ${p.batches}`),
      h('span', {}, `step ${p.step}`),
      h('span', {}, `loss ${last ? last.loss.toFixed(4) : '—'}`),
      h(
        'span',
        { 'data-testid': 'samples-per-second' },
        `${p.samplesPerSecond ? Math.round(p.samplesPerSecond).toLocaleString('en-US') : '—'} samples/s`,
      ),
      p.message ? h('span', { class: 'error' }, p.message) : null,
      ...notes.map((n) => h('span', { class: 'note' }, n)),
    );
    const losses = p.losses.map((l) => l.loss);
    lossChart.setData(
      p.losses.map((l) => l.step),
      [losses, smooth(losses)],
    );
    lossBox.dataset['lossHistory'] = JSON.stringify(
      losses.slice(-HISTORY_ATTR_MAX).map((l) => Number(l.toPrecision(5))),
    );
    const metric = run?.metric ?? 'loss';
    const lastEval = p.evals[p.evals.length - 1];
    metricBox.dataset['metric'] = metric;
    if (lastEval) {
      const value = lastEval.values[metric];
      metricBox.dataset['value'] = String(value);
      replaceChildren(metricBox, ...metricText(metric, lastEval.values, lastEval.step));
    }
    validChart.setData(
      p.evals.map((e) => e.step),
      [
        p.evals.map((e) => e.values['loss'] ?? null),
        p.evals.map((e) => (metric === 'loss' ? null : (e.values[metric] ?? null))),
      ],
    );
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
    update(compiled) {
      const state = hooks.state();
      const wanted = state.dataset ?? trainBlockDataset(compiled) ?? 'names';
      if (select.value !== FILE_OPTION && select.value !== wanted) select.value = wanted;
      // Placeholders show the train block's values; typed values are overrides.
      const base = resolveTraining(compiled.result.train, {}, 1);
      lr.placeholder = String(base.optimizer.lr);
      batch.placeholder = String(base.batchSize);
      epochs.placeholder = String(base.epochs);
      clip.placeholder = base.clipNorm !== undefined ? String(base.clipNorm) : 'off';
      const t = state.train;
      for (const [input, v] of [
        [lr, t.lr],
        [batch, t.batch],
        [epochs, t.epochs],
        [clip, t.clipNorm],
      ] as const) {
        if (document.activeElement !== input) input.value = v === undefined ? '' : String(v);
      }
      optimizerText.textContent = compiled.result.train
        ? `· ${base.optimizer.kind}, from the train block`
        : '· adam (no train block in this file)';
      render();
    },
  };
}
