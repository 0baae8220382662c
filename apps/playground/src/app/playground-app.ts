/**
 * The page: editor and problems on the left, hyperparameters and the panels on the right,
 * the status bar below. Owns the session state, the compile loop (debounced), the URL and
 * local storage, and hands each compile to the panels. The elements are built in page.ts.
 */
import { format } from '@seqlab/syntax';
import {
  compileSource,
  EDITOR_FILE,
  type Compiled,
  type CompileSourceOptions,
} from '../compile/compile-source.js';
import { exampleNamed } from '../compile/examples.js';
import { createEditor, type EditorHooks, type SeqEditor } from '../editor/create-editor.js';
import { diagnosticItems } from '../editor/diagnostic-items.js';
import { hoverInfoAt, type HoverInfo } from '../editor/hover-info.js';
import { saveSession } from '../state/local-session.js';
import { stateOf, type PanelName, type PlaygroundState } from '../state/playground-state.js';
import { encodeState, setOf } from '../state/url-state.js';
import { workerModel } from '../train/train-panel.js';
import type { TryModel } from '../try/try-panel.js';
import type { Panel } from '../views/panel.js';
import type { LoadedRunSummary } from '../worker/protocol.js';
import type { TrainingClient } from '../worker/training-client.js';
import { debounce } from './debounce.js';
import { notesOf, shownNotes, writtenIn, type DataNotes } from './data-notes.js';
import { buildPage, type Page } from './page.js';
import type { StatusBar } from './status-bar.js';

/** How long typing must pause before a compile (each compile takes a few ms). */
const COMPILE_DELAY_MS = 120;

/** What the page is started with. */
export interface AppOptions {
  readonly root: HTMLElement;
  readonly state: PlaygroundState;
  readonly store?: Storage;
  /** The training worker (tfjs runs there). */
  readonly client: TrainingClient;
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
  let trained: { tm: TryModel; source: string } | undefined;
  /** Hyperparameters training set from the data: the value and why. */
  let fromData: DataNotes = {};

  const persist = debounce(() => {
    history.replaceState(null, '', encodeState(state));
    if (opts.store) saveSession(opts.store, state);
  }, 300);

  const page = buildPage(opts.root, state, {
    state: () => state,
    compiled: () => compiled,
    client: opts.client,
    fromData(set, notes) {
      fromData = notesOf(set, notes);
      update({ set });
    },
    writeIntoSource(name) {
      const next = compiled && writtenIn(compiled, state, name);
      if (next) replaceText(next, `${name} written into the model header`);
    },
    update,
    reveal: (from, to) => editor.reveal(from, to),
    trained: showTrained,
    loadRun: (files) =>
      void loadRun(files, {
        client: opts.client,
        page,
        state: () => state,
        replaceText,
        showTrained,
      }),
    tabChosen(panel) {
      update({ panel }, false);
      if (compiled) page.panels[panel].update(compiled, true);
    },
    exampleChosen(file) {
      const ex = exampleNamed(file);
      if (ex) replaceText({ ...stateOf(ex.text, ex.file), panel: page.tabStrip.current() });
    },
    format: () => formatEditor(editor, page.say),
    share: () => shareLink(state, page.say),
  });

  const editor = createEditor(page.editorHost, state.source, {
    onChange: (text) => {
      state = { ...state, source: text };
      compileSoon();
    },
    ...editorHooks(
      page,
      () => compiled,
      () => editor,
    ),
  });

  function update(patch: Partial<PlaygroundState>, compile = true): void {
    state = { ...state, ...patch };
    persist();
    if (compile) recompile();
  }

  function recompile(): void {
    const text = editor.text();
    compiled = compileSource(text, compileOptions(state));
    showCompiled(page, editor, compiled, state, shownNotes(fromData, state.set));
    if (trained) page.trying.setModel(trained.tm, staleNote(trained.source, text));
    persist();
  }
  const compileSoon = debounce(recompile, COMPILE_DELAY_MS);

  /** Put `next`'s text in the editor and compile it (`said` goes to the toast). */
  function replaceText(next: PlaygroundState, said?: string): void {
    state = next;
    editor.setText(next.source);
    recompile();
    if (said) page.say(said);
  }

  function showTrained(tm: TryModel, source: string): void {
    trained = { tm, source };
    page.trying.setModel(tm);
  }

  recompile();
  return { status: page.status, editor };
}

/** What opening a run needs of the app. */
interface RunHost {
  readonly client: TrainingClient;
  readonly page: Page;
  state(): PlaygroundState;
  replaceText(next: PlaygroundState): void;
  showTrained(tm: TryModel, source: string): void;
}

/** Open the picked run files; a run that carries its source replaces the editor's text. */
async function loadRun(files: readonly File[], host: RunHost): Promise<void> {
  const r = await openPicked(files, host.client, host.page.say);
  if (!r) return;
  const wants = runState(r.config, r.name);
  if (r.source !== undefined) host.replaceText({ ...host.state(), source: r.source, ...wants });
  host.showTrained(workerModel(host.client, r), r.source ?? host.state().source);
  host.page.tabStrip.select('try');
  host.page.say(`loaded the run of ${wants.model}`);
}

/**
 * The state a run's `config.json` asks for; `name` is the model's name in the run's IR. The
 * file is typed `RunConfig` but nothing checked it: a run is untrusted and only parsed, so
 * each field is checked here as a link's are (url-state.ts): overrides keep plain values,
 * names must be strings.
 */
function runState(
  config: unknown,
  name: string,
): Pick<PlaygroundState, 'set' | 'model' | 'dataset'> {
  const field = (x: unknown, key: string): unknown =>
    typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[key] : undefined;
  const model = field(config, 'model');
  const dataset = field(field(config, 'data'), 'name');
  return {
    set: setOf(field(config, 'set')),
    model: typeof model === 'string' ? model : name,
    ...(typeof dataset === 'string' && dataset !== '' ? { dataset } : {}),
  };
}

/** The editor's hooks into the page: cursor, hover shapes, local names, format. */
function editorHooks(
  page: Page,
  compiled: () => Compiled | undefined,
  editor: () => SeqEditor,
): Omit<EditorHooks, 'onChange'> {
  return {
    onCursor: (line, col) => page.status.setCursor(line, col),
    hoverAt: (offset) => hoverFor(compiled(), editor().text(), offset),
    localNames: () => localNames(compiled()),
    onFormat: () => formatEditor(editor(), page.say),
  };
}

/** What `state` asks of a compile: the chosen model and the overrides. */
function compileOptions(state: PlaygroundState): CompileSourceOptions {
  return { ...(state.model !== undefined ? { model: state.model } : {}), set: state.set };
}

/** Show a compile everywhere: editor markers, problems, header, example, status, panels. */
function showCompiled(
  page: Page,
  editor: SeqEditor,
  compiled: Compiled,
  state: PlaygroundState,
  notes: Readonly<Record<string, string>>,
): void {
  const text = compiled.text;
  const items = diagnosticItems(
    compiled.result.diagnostics,
    compiled.result.sources,
    EDITOR_FILE,
    text.length,
    text,
  );
  editor.showDiagnostics(items);
  page.problems.update(items);
  page.hyper.update(compiled, state.set, state.model, notes);
  const ex = state.example !== undefined ? exampleNamed(state.example) : undefined;
  page.exampleSelect.value = ex && ex.text === text ? ex.file : ex ? ex.file : '';
  const params = compiled.report
    ? ` · ${compiled.report.totalParams.toLocaleString('en-US')} params`
    : '';
  // Never "compiled" while the editor shows errors.
  const errors = items.filter((i) => i.severity === 'error').length;
  page.status.setCompile(
    errors > 0
      ? `${errors} error${errors === 1 ? '' : 's'}: see Problems`
      : `${compiled.result.model ?? 'no model'}${params} · compiled in ${compiled.ms.toFixed(1)} ms`,
  );
  const current = page.tabStrip.current();
  for (const [name, panel] of Object.entries(page.panels) as [PanelName, Panel][]) {
    panel.update(compiled, name === current);
  }
}

/** The shape hover at `offset`, while the latest compile is of the editor's current text. */
function hoverFor(
  compiled: Compiled | undefined,
  text: string,
  offset: number,
): HoverInfo | undefined {
  return compiled?.result.module && compiled.report && compiled.text === text
    ? hoverInfoAt(
        compiled.text,
        offset,
        EDITOR_FILE,
        compiled.result.module,
        compiled.report.layers,
      )
    : undefined;
}

/** Format the editor's text (Format button, Shift-Alt-F). */
function formatEditor(editor: SeqEditor, say: (text: string) => void): void {
  const r = format(editor.text());
  if (r.text === undefined) {
    say('fix the syntax errors first: the formatter needs a parse');
    return;
  }
  if (r.text !== editor.text()) editor.setText(r.text);
  say('formatted');
}

/** Put the state in the address bar and copy the link. */
function shareLink(state: PlaygroundState, say: (text: string) => void): void {
  history.replaceState(null, '', encodeState(state));
  const url = location.href;
  void navigator.clipboard?.writeText(url).then(
    () => say('link copied: it holds the model and its settings'),
    () => say('copy the address bar: it holds the model and its settings'),
  );
}

/** What Try says of a model trained from `source` while the editor holds `text`. */
function staleNote(source: string, text: string): string | undefined {
  return source === text ? undefined : 'the editor has changed since it was trained';
}

/** Open the picked run files in the worker, or say why they are not a run. */
async function openPicked(
  files: readonly File[],
  client: TrainingClient,
  say: (text: string) => void,
): Promise<LoadedRunSummary | undefined> {
  const picked = await readPicked(files);
  const r = await client.request<'load-run'>(
    { type: 'load-run', files: picked },
    picked.map((p) => p.bytes.buffer as ArrayBuffer),
  );
  if (r.type === 'loaded') return r.run;
  say(r.problems[0] ?? 'the run could not be loaded');
  console.warn(r.problems.join('\n'));
  return undefined;
}

/** The picked files' bytes, named by their path within a picked folder. */
function readPicked(files: readonly File[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  return Promise.all(
    files.map(async (f) => ({
      name: f.webkitRelativePath || f.name,
      bytes: new Uint8Array(await f.arrayBuffer()),
    })),
  );
}

function localNames(c: Compiled | undefined): { cells: string[]; values: string[] } {
  const items = c?.result.program.items ?? [];
  const cells = items.filter((i) => i.kind === 'CellDecl').map((i) => i.name.name);
  const values = Object.values(c?.result.module?.graph.values ?? {})
    .map((v) => v.name)
    .filter((n): n is string => n !== undefined);
  return { cells, values: [...new Set(values)] };
}
