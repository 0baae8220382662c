/**
 * The page: editor and problems on the left, hyperparameters and the panels on the right,
 * the status bar below. Owns the session state, the compile loop (debounced), the URL and
 * local storage, and hands each compile to the panels.
 */
import { format } from '@seqlab/syntax';
import type { Tf } from '@seqlab/tfjs';
import { compileSource, EDITOR_FILE, type Compiled } from '../compile/compile-source.js';
import { EXAMPLES, exampleNamed } from '../compile/examples.js';
import { createEditor, type SeqEditor } from '../editor/create-editor.js';
import { diagnosticItems } from '../editor/diagnostic-items.js';
import { hoverInfoAt } from '../editor/hover-info.js';
import { openRun } from '../run/load-run.js';
import { saveSession } from '../state/local-session.js';
import { stateOf, type PanelName, type PlaygroundState } from '../state/playground-state.js';
import { encodeState } from '../state/url-state.js';
import { BrowserDatasets } from '../train/browser-datasets.js';
import { trainPanel } from '../train/train-panel.js';
import type { TrainedModel } from '../try/trained-model.js';
import { tryPanel } from '../try/try-panel.js';
import { h } from '../ui/dom.js';
import { graphPanel } from '../views/graph-panel.js';
import type { Panel } from '../views/panel.js';
import { shapesPanel } from '../views/shapes-panel.js';
import { unrolledPanel } from '../views/unrolled-panel.js';
import { debounce } from './debounce.js';
import { hyperbar } from './hyperbar.js';
import { problemsList } from './problems-list.js';
import { statusBar, type StatusBar } from './status-bar.js';
import { tabs } from './tabs.js';

/** How long typing must pause before a compile (each compile takes a few ms). */
const COMPILE_DELAY_MS = 120;

/** What the page is started with. */
export interface AppOptions {
  readonly root: HTMLElement;
  readonly state: PlaygroundState;
  readonly store?: Storage;
  /** Resolves once a tfjs backend runs. */
  readonly tf: Promise<Tf>;
}

/** The running page (for main.ts and debugging). */
export interface PlaygroundApp {
  readonly status: StatusBar;
  readonly editor: SeqEditor;
}

/** Build the page into `root`. */
export function startPlayground(opts: AppOptions): PlaygroundApp {
  let state = opts.state;
  let compiled: Compiled | undefined;
  let trained: { tm: TrainedModel; source: string } | undefined;
  let tfReady: Tf | undefined;
  void opts.tf.then((tf) => (tfReady = tf));

  const toast = h('div', { class: 'toast', role: 'status', hidden: true });
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string): void => {
    toast.textContent = text;
    toast.hidden = false;
    if (toastTimer) clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.hidden = true), 2600);
  };

  const persist = debounce(() => {
    history.replaceState(null, '', encodeState(state));
    if (opts.store) saveSession(opts.store, state);
  }, 300);

  const status = statusBar();
  const editorHost = h('div', { class: 'editor', 'data-testid': 'editor' });
  const reveal = (from: number, to: number): void => editor.reveal(from, to);
  const problems = problemsList(reveal);
  const hyper = hyperbar(
    (set) => update({ set }),
    (model) => update({ model, set: {} }),
  );

  const shapes = shapesPanel(reveal);
  const graph = graphPanel();
  const unrolled = unrolledPanel(state.steps ?? 3, (steps) => update({ steps }, false));
  const datasets = new BrowserDatasets();
  const trying = tryPanel();
  const train = trainPanel({
    get tf(): Tf {
      if (!tfReady) throw new Error('the tfjs backend is still starting');
      return tfReady;
    },
    datasets,
    compiled: () => compiled,
    state: () => state,
    update: (patch) => update(patch, false),
    setHyperparameters: (set) => update({ set }),
    onTrained(tm, source) {
      trained = { tm, source };
      trying.setModel(tm);
    },
    onLoadRun(files) {
      void Promise.all(
        files.map(async (f) => ({
          name: f.webkitRelativePath || f.name,
          bytes: new Uint8Array(await f.arrayBuffer()),
        })),
      ).then(async (picked) => {
        const r = await openRun(picked, await opts.tf);
        if (!r.ok) {
          say(r.problems[0] ?? 'the run could not be loaded');
          console.warn(r.problems.join('\n'));
          return;
        }
        const set = r.config.set as PlaygroundState['set'];
        if (r.source !== undefined) {
          editor.setText(r.source);
          update(
            { source: r.source, set, model: r.config.model, dataset: r.config.data.name },
            false,
          );
          recompile();
        }
        trained = { tm: r.trained, source: r.source ?? state.source };
        trying.setModel(r.trained);
        tabStrip.select('try');
        say(`loaded the run of ${r.config.model}`);
      });
    },
  });

  const panels: Record<PanelName, Panel> = {
    shapes,
    graph,
    unrolled,
    train,
    try: { el: trying.el, update: () => undefined },
  };
  const tabStrip = tabs(
    [
      { name: 'shapes', label: 'Shapes', el: shapes.el },
      { name: 'graph', label: 'Graph', el: graph.el },
      { name: 'unrolled', label: 'Unrolled', el: unrolled.el },
      { name: 'train', label: 'Train', el: train.el },
      { name: 'try', label: 'Try', el: trying.el },
    ],
    state.panel ?? 'shapes',
    (panel) => {
      update({ panel }, false);
      if (compiled) panels[panel].update(compiled, true);
    },
  );

  const exampleSelect = h(
    'select',
    { 'data-testid': 'example-select', 'aria-label': 'example' },
    h('option', { value: '' }, '— your model —'),
    ...EXAMPLES.map((e) =>
      h('option', { value: e.file, title: e.title }, e.file.replace(/\.seq$/, '')),
    ),
  );
  exampleSelect.value = state.example ?? '';
  exampleSelect.addEventListener('change', () => {
    const ex = exampleNamed(exampleSelect.value);
    if (!ex) return;
    state = stateOf(ex.text, ex.file);
    state = { ...state, panel: tabStrip.current() };
    editor.setText(ex.text);
    recompile();
  });

  const formatNow = (): void => {
    const r = format(editor.text());
    if (r.text === undefined) {
      say('fix the syntax errors first: the formatter needs a parse');
      return;
    }
    if (r.text !== editor.text()) editor.setText(r.text);
    say('formatted');
  };
  const share = (): void => {
    history.replaceState(null, '', encodeState(state));
    const url = location.href;
    void navigator.clipboard?.writeText(url).then(
      () => say('link copied: it holds the model and its settings'),
      () => say('copy the address bar: it holds the model and its settings'),
    );
  };

  const topbar = h(
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
    h('button', { onclick: formatNow, title: 'Shift-Alt-F' }, 'Format'),
    h('button', { onclick: share, class: 'primary' }, 'Share link'),
  );

  opts.root.replaceChildren(
    h(
      'div',
      { class: 'app' },
      topbar,
      h(
        'main',
        { class: 'panes' },
        h('section', { class: 'left' }, editorHost, problems.el),
        h('section', { class: 'right' }, hyper.el, tabStrip.nav, tabStrip.host),
      ),
      status.el,
      toast,
    ),
  );

  const editor = createEditor(editorHost, state.source, {
    onChange: (text) => {
      state = { ...state, source: text };
      compileSoon();
    },
    onCursor: (line, col) => status.setCursor(line, col),
    hoverAt: (offset) =>
      compiled?.result.module && compiled.report && compiled.text === editor.text()
        ? hoverInfoAt(
            compiled.text,
            offset,
            EDITOR_FILE,
            compiled.result.module,
            compiled.report.layers,
          )
        : undefined,
    localNames: () => localNames(compiled),
    onFormat: formatNow,
  });

  function update(patch: Partial<PlaygroundState>, compile = true): void {
    state = { ...state, ...patch };
    persist();
    if (compile) recompile();
  }

  function recompile(): void {
    const text = editor.text();
    compiled = compileSource(text, {
      ...(state.model !== undefined ? { model: state.model } : {}),
      set: state.set,
    });
    const items = diagnosticItems(
      compiled.result.diagnostics,
      compiled.result.sources,
      EDITOR_FILE,
      text.length,
    );
    editor.showDiagnostics(items);
    problems.update(items);
    hyper.update(compiled, state.set, state.model);
    const ex = state.example !== undefined ? exampleNamed(state.example) : undefined;
    exampleSelect.value = ex && ex.text === text ? ex.file : ex ? ex.file : '';
    const params = compiled.report
      ? ` · ${compiled.report.totalParams.toLocaleString('en-US')} params`
      : '';
    status.setCompile(
      `${compiled.result.model ?? 'no model'}${params} · compiled in ${compiled.ms.toFixed(1)} ms`,
    );
    const current = tabStrip.current();
    for (const [name, panel] of Object.entries(panels) as [PanelName, Panel][]) {
      panel.update(compiled, name === current);
    }
    if (trained)
      trying.setModel(
        trained.tm,
        trained.source === text ? undefined : 'the editor has changed since it was trained',
      );
    persist();
  }
  const compileSoon = debounce(recompile, COMPILE_DELAY_MS);

  recompile();
  return { status, editor };
}

function localNames(c: Compiled | undefined): { cells: string[]; values: string[] } {
  const items = c?.result.program.items ?? [];
  const cells = items.filter((i) => i.kind === 'CellDecl').map((i) => i.name.name);
  const values = Object.values(c?.result.module?.graph.values ?? {})
    .map((v) => v.name)
    .filter((n): n is string => n !== undefined);
  return { cells, values: [...new Set(values)] };
}
