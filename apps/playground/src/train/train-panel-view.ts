/**
 * The Train panel's elements: the data set choice, the run buttons, the problems box, and
 * how they are laid out around the settings, progress and heatmap cards. No run logic here;
 * train-panel.ts wires these to a run.
 */
import { h, replaceChildren } from '../ui/dom.js';
import { DATASET_CHOICES } from './browser-datasets.js';
import type { ProgressView } from './progress-view.js';
import type { TrainPhase } from './training-controller.js';

/** The data set select's value for "your own file". */
export const FILE_OPTION = '__file__';

/** The panel's own controls. */
export interface TrainControls {
  readonly select: HTMLSelectElement;
  /** Hidden: opened by the select's file option. */
  readonly fileInput: HTMLInputElement;
  /** Hidden: opened by Load run…. */
  readonly runInput: HTMLInputElement;
  /** Hidden: opened by Load folder…. */
  readonly folderInput: HTMLInputElement;
  readonly trainButton: HTMLButtonElement;
  readonly pauseButton: HTMLButtonElement;
  readonly stopButton: HTMLButtonElement;
  readonly downloadButton: HTMLButtonElement;
  readonly loadButton: HTMLButtonElement;
  readonly folderButton: HTMLButtonElement;
  readonly problems: HTMLUListElement;
}

/** Create the controls (nothing wired yet). */
export function trainControls(): TrainControls {
  return {
    select: h(
      'select',
      { 'data-testid': 'dataset-select', 'aria-label': 'data set' },
      ...DATASET_CHOICES.map((c) => h('option', { value: c.name }, c.label)),
      h('option', { value: FILE_OPTION }, 'your own file… (CSV, JSONL, text, .npy)'),
    ),
    fileInput: h('input', {
      type: 'file',
      accept: '.csv,.tsv,.jsonl,.ndjson,.txt,.npy',
      hidden: true,
    }),
    runInput: h('input', {
      type: 'file',
      multiple: true,
      accept: '.zip,.json,.safetensors,.seq',
      hidden: true,
    }),
    folderInput: h('input', { type: 'file', webkitdirectory: true, hidden: true }),
    ...runButtons(),
    problems: h('ul', { class: 'problems-box', hidden: true }),
  };
}

/** The buttons of the button row. */
function runButtons(): Pick<
  TrainControls,
  'trainButton' | 'pauseButton' | 'stopButton' | 'downloadButton' | 'loadButton' | 'folderButton'
> {
  return {
    trainButton: h('button', { class: 'primary', 'data-testid': 'train-button' }, 'Train'),
    pauseButton: h('button', { disabled: true }, 'Pause'),
    stopButton: h('button', { 'data-testid': 'stop-button', disabled: true }, 'Stop'),
    downloadButton: h(
      'button',
      {
        disabled: true,
        title: 'a zip of the run folder `seqlab train` writes (weights, vocabularies, config)',
      },
      'Download run',
    ),
    loadButton: h(
      'button',
      { title: 'a run zip, or the files of a `seqlab train` run folder' },
      'Load run…',
    ),
    folderButton: h('button', { title: 'a `seqlab train` run folder' }, 'Load folder…'),
  };
}

/** The whole panel: the Data and Settings cards, the buttons, problems, progress, heatmap. */
export function trainPanelLayout(
  c: TrainControls,
  settings: HTMLElement,
  view: ProgressView,
  heatmap: HTMLElement,
): HTMLElement {
  return h(
    'div',
    { class: 'panel train' },
    h(
      'div',
      { class: 'cards' },
      h(
        'section',
        { class: 'card' },
        h('h3', {}, 'Data'),
        h('div', { class: 'row' }, c.select, c.fileInput),
        h(
          'p',
          { class: 'hint' },
          'Corpora are subsets cut at build time; synthetic sets are generated here.',
        ),
      ),
      settings,
    ),
    h(
      'div',
      { class: 'row buttons' },
      c.trainButton,
      c.pauseButton,
      c.stopButton,
      h('span', { class: 'spacer' }),
      c.downloadButton,
      c.loadButton,
      c.folderButton,
      c.runInput,
      c.folderInput,
    ),
    c.problems,
    view.stats,
    // Side by side where the panel is wide enough, so the charts and the heatmap fit one
    // screen while training; stacked on a phone.
    h('div', { class: 'charts' }, view.lossCard, view.validCard),
    heatmap,
  );
}

/** List `list` in the problems box (hidden when empty). */
export function showProblems(c: TrainControls, list: readonly string[]): void {
  c.problems.hidden = list.length === 0;
  replaceChildren(c.problems, ...list.map((p) => h('li', {}, p)));
}

/** What the buttons show besides the run's phase. */
export interface ButtonState {
  /** A run is being prepared (data read, the worker building the model). */
  readonly starting: boolean;
  /** Stop was pressed: the worker ends the step and validates the weights reached. */
  readonly stopping: boolean;
  /** The current run has taken a step, so it can be downloaded. */
  readonly canDownload: boolean;
}

/** Enable the buttons for `phase` and `state`. */
export function showPhase(c: TrainControls, phase: TrainPhase, state: ButtonState): void {
  const { starting, stopping, canDownload } = state;
  const running = phase === 'running' || starting;
  c.trainButton.disabled = running;
  c.trainButton.textContent =
    phase === 'paused' ? 'Resume' : starting ? 'Preparing…' : running ? 'Training…' : 'Train';
  c.pauseButton.disabled = phase !== 'running' || stopping;
  c.stopButton.disabled = !(phase === 'running' || phase === 'paused') || stopping;
  // Stop ends the current step and validates first (seconds on a slow GPU): say it was heard.
  c.stopButton.textContent = stopping ? 'Stopping…' : 'Stop';
  c.downloadButton.disabled = !canDownload || running;
  c.select.disabled = running || phase === 'paused';
}

/** Load run… and Load folder… open their file pickers; picked files go to `onLoadRun`. */
export function wireRunLoading(
  c: TrainControls,
  onLoadRun: (files: readonly File[]) => void,
): void {
  c.loadButton.addEventListener('click', () => c.runInput.click());
  c.folderButton.addEventListener('click', () => c.folderInput.click());
  for (const input of [c.runInput, c.folderInput]) {
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      if (files.length) onLoadRun(files);
      // Cleared so that picking the same files again fires `change` again.
      input.value = '';
    });
  }
}
