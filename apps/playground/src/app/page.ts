/**
 * The page's elements: the top bar (examples, Format, Share link), the editor host and the
 * problems list, the hyperparameter bar, the panels behind their tabs, the status bar and
 * the toast. Built once and laid out into the root; what they do is the app's (see
 * playground-app.ts), reached through {@link PageActions}.
 */
import type { Compiled } from '../compile/compile-source.js';
import { EXAMPLES } from '../compile/examples.js';
import type { PanelName, PlaygroundState } from '../state/playground-state.js';
import { trainPanel } from '../train/train-panel.js';
import { tryPanel, type TryModel, type TryPanel } from '../try/try-panel.js';
import { h } from '../ui/dom.js';
import { graphPanel } from '../views/graph-panel.js';
import type { Panel } from '../views/panel.js';
import { shapesPanel } from '../views/shapes-panel.js';
import { unrolledPanel } from '../views/unrolled-panel.js';
import type { TrainingClient } from '../worker/training-client.js';
import { hyperbar, type Hyperbar } from './hyperbar.js';
import { problemsList, type ProblemsList } from './problems-list.js';
import { statusBar, type StatusBar } from './status-bar.js';
import { tabs, type Tabs } from './tabs.js';

/** How long a toast stays up. */
const TOAST_MS = 2600;

/** The tabs of the right-hand side, in order. */
const PANEL_TABS: readonly (readonly [PanelName, string])[] = [
  ['shapes', 'Shapes'],
  ['graph', 'Graph'],
  ['unrolled', 'Unrolled'],
  ['train', 'Train'],
  ['try', 'Try'],
];

/** What the page's controls ask of the app. */
export interface PageActions {
  state(): PlaygroundState;
  compiled(): Compiled | undefined;
  /** The training worker. */
  readonly client: TrainingClient;
  /** Change the state; recompile unless `compile` is false. */
  update(patch: Partial<PlaygroundState>, compile?: boolean): void;
  /** Hyperparameters the data decided: set them, with why (shown in the bar). */
  fromData(set: PlaygroundState['set'], notes: Readonly<Record<string, string>>): void;
  /** Write the current override of `name` into the model header's text. */
  writeIntoSource(name: string): void;
  /** Select a range of the editor and scroll to it. */
  reveal(from: number, to: number): void;
  /** A model trained (or is training) from `source`: Try can use it. */
  trained(tm: TryModel, source: string): void;
  /** Run files were picked in the Train panel. */
  loadRun(files: readonly File[]): void;
  /** The user switched to tab `panel`. */
  tabChosen(panel: PanelName): void;
  /** The user picked an example by file name. */
  exampleChosen(file: string): void;
  format(): void;
  share(): void;
}

/** The parts of the page the app updates. */
export interface Page {
  readonly editorHost: HTMLElement;
  readonly status: StatusBar;
  readonly problems: ProblemsList;
  readonly hyper: Hyperbar;
  readonly trying: TryPanel;
  readonly panels: Readonly<Record<PanelName, Panel>>;
  readonly tabStrip: Tabs;
  readonly exampleSelect: HTMLSelectElement;
  /** Show a short message in the toast. */
  say(text: string): void;
}

/** Build the page into `root` for the initial state `state`. */
export function buildPage(root: HTMLElement, state: PlaygroundState, actions: PageActions): Page {
  const toast = toaster();
  const status = statusBar();
  const editorHost = h('div', { class: 'editor', 'data-testid': 'editor' });
  const problems = problemsList(actions.reveal);
  const hyper = hyperbar({
    onSet: (set) => actions.update({ set }),
    onModel: (model) => actions.update({ model, set: {} }),
    onWrite: actions.writeIntoSource,
  });
  const trying = tryPanel();
  const panels = createPanels(state, trying, actions);
  const tabStrip = tabs(
    PANEL_TABS.map(([name, label]) => ({ name, label, el: panels[name].el })),
    state.panel ?? 'shapes',
    actions.tabChosen,
  );
  const exampleSelect = exampleChooser(state.example ?? '', actions.exampleChosen);
  root.replaceChildren(
    h(
      'div',
      { class: 'app' },
      topbar(exampleSelect, actions),
      h(
        'main',
        { class: 'panes' },
        h('section', { class: 'left' }, editorHost, problems.el),
        h('section', { class: 'right' }, hyper.el, tabStrip.nav, tabStrip.host),
      ),
      status.el,
      toast.el,
    ),
  );
  return {
    editorHost,
    status,
    problems,
    hyper,
    trying,
    panels,
    tabStrip,
    exampleSelect,
    say: toast.say,
  };
}

/** The right-hand panels; Try is updated by the app, not per compile. */
function createPanels(
  state: PlaygroundState,
  trying: TryPanel,
  actions: PageActions,
): Record<PanelName, Panel> {
  return {
    shapes: shapesPanel(actions.reveal),
    graph: graphPanel(),
    unrolled: unrolledPanel(state.steps ?? 3, (steps) => actions.update({ steps }, false)),
    train: trainPanel({
      client: actions.client,
      compiled: actions.compiled,
      state: actions.state,
      update: (patch) => actions.update(patch, false),
      setHyperparameters: actions.fromData,
      onTrained: actions.trained,
      onLoadRun: actions.loadRun,
    }),
    try: { el: trying.el, update: () => undefined },
  };
}

/** The example select, showing `initial` ('' for the user's own model). */
function exampleChooser(initial: string, onPick: (file: string) => void): HTMLSelectElement {
  const select = h(
    'select',
    { 'data-testid': 'example-select', 'aria-label': 'example' },
    h('option', { value: '' }, '— your model —'),
    ...EXAMPLES.map((e) =>
      h('option', { value: e.file, title: e.title }, e.file.replace(/\.seq$/, '')),
    ),
  );
  select.value = initial;
  select.addEventListener('change', () => onPick(select.value));
  return select;
}

/** The bar across the top: brand, examples, Format and Share link. */
function topbar(exampleSelect: HTMLSelectElement, actions: PageActions): HTMLElement {
  return h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'logo' }, 'seqlab'),
      h('span', { class: 'sub' }, 'playground'),
    ),
    h('label', { class: 'example' }, 'Example ', exampleSelect),
    h('span', { class: 'spacer' }),
    h('button', { onclick: actions.format, title: 'Shift-Alt-F' }, 'Format'),
    h('button', { onclick: actions.share, class: 'primary' }, 'Share link'),
  );
}

/** A toast: a short message that goes away by itself. */
function toaster(): { readonly el: HTMLElement; say(text: string): void } {
  const el = h('div', { class: 'toast', role: 'status', hidden: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    el,
    say(text) {
      el.textContent = text;
      el.hidden = false;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => (el.hidden = true), TOAST_MS);
    },
  };
}
