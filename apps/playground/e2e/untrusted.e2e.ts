/**
 * End-to-end, issue 16 §5: nothing from a link or a file runs as code. Script payloads go
 * into a model name, comments, a `--set` value, a data set name, class labels and vocabulary
 * tokens; they arrive (a) in a shared link and (b) in run zips built here; then the views
 * that show those strings are opened: the editor and its diagnostics, the Graph, Unrolled
 * and Shapes panels, Train's problems, and Try's labels and tags. Every payload would set
 * `window.__pwned` if it ran (a control case proves that one does when put into innerHTML);
 * the flag stays unset, no element gets an event-handler attribute, and the payloads are
 * shown as literal text.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Vocabulary, type SequenceDataset } from '@seqlab/data';
import { moduleToJson } from '@seqlab/ir';
import { bindDataset, lowerModule } from '@seqlab/tfjs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileSource } from '../src/compile/compile-source.js';
import { RUN_FILES, runFiles, type RunInfo } from '../src/run/run-dir.js';
import { zipStore } from '../src/run/zip.js';
import { stateOf } from '../src/state/playground-state.js';
import { encodeState } from '../src/state/url-state.js';
import { PATIENCE, useBuiltPlayground, withPage as withPlaygroundPage } from './e2e-page.js';

/** The payloads: each sets `window.__pwned` if a page ever parses it as HTML. */
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const BREAKOUT = `"><svg onload=window.__pwned=1>`;
/** Payloads without spaces, for vocabulary tokens (word inputs are split at whitespace). */
const TOKEN_SVG = '<svg/onload=window.__pwned=1>';
const TOKEN_IMG = '<img/src/onerror=window.__pwned=1>';
/** Inside a double-quoted `.seq` string (the train block's data set name). */
const QUOTED_IMG = "<img src=x onerror='window.__pwned=1'>";

declare global {
  interface Window {
    __pwned?: number;
  }
}

const playground = useBuiltPlayground();

// The payloads' run zip is trained here, in Node, on tfjs's cpu backend.
beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Open `path`, wait for the first compile, run `body`; a failure leaves a screenshot. */
function withPage(name: string, path: string, body: (page: Page) => Promise<void>) {
  return withPlaygroundPage(playground.browser, playground.url + path, `untrusted-${name}`, body);
}

/**
 * In the page: what ran or could run. The flag; elements with an `on*` attribute (the app
 * only uses addEventListener); script elements holding a payload; and `img` elements (the
 * app has none, so one would have come from a payload).
 */
function executed(): { pwned?: number; handlers: string[]; scripts: number; imgs: number } {
  const all = Array.from(document.querySelectorAll('*'));
  return {
    ...(window.__pwned !== undefined ? { pwned: window.__pwned } : {}),
    handlers: all
      .filter((e) => Array.from(e.attributes).some((a) => /^on/i.test(a.name)))
      .map((e) => e.tagName),
    scripts: Array.from(document.scripts).filter((s) => s.text.includes('__pwned')).length,
    imgs: document.querySelectorAll('img').length,
  };
}

/** Nothing ran and nothing is armed to run. A short wait lets a late `onerror` fire. */
async function expectInert(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  expect(await page.evaluate(executed)).toEqual({ handlers: [], scripts: 0, imgs: 0 });
}

/** Show panel `name` and wait until its tab is selected. */
async function showTab(page: Page, name: string): Promise<void> {
  await page.locator(`[data-tab="${name}"]`).click();
  await expect
    .poll(() => page.locator(`[data-tab="${name}"]`).getAttribute('aria-selected'))
    .toBe('true');
}

const textOf = async (page: Page, testId: string): Promise<string> =>
  (await page.getByTestId(testId).textContent()) ?? '';

/** A valid tagger with a payload in every comment and in its train block's data set name. */
const LINK_SOURCE = `# ${IMG}
# ${SCRIPT}
model Tagger(hidden = 4) {  # ${BREAKOUT}
  input words: [B, T] int < 12  # ${TOKEN_SVG}
  words |> embed(4) |> rnn(hidden) |> dense(3) -> tags  # ${IMG}
  output tags
}

train Tagger on "${QUOTED_IMG}" {
  loss = cross_entropy
  optimizer = adam(lr = 1e-3)
}
`;

/** What a run zip is built from: a model, its data schema, and edits to its files. */
interface RunSpec {
  readonly source: string;
  readonly dataset: SequenceDataset;
  /** The model's name as the run's `model.ir.json` gives it (any string, untrusted). */
  readonly irName?: string;
  /** An edit of `config.json`. */
  readonly config?: (config: Record<string, unknown>) => object;
}

/**
 * A run zip as `seqlab train` or the playground's Download writes it (untrained weights:
 * Try only has to show the labels), then edited the way a hostile file would be.
 */
async function runZip(spec: RunSpec): Promise<Buffer> {
  const module = compileSource(spec.source).result.module;
  if (!module) throw new Error('the run model does not compile');
  const bound = bindDataset(module, spec.dataset);
  if (!bound.ok) throw new Error(bound.problems.join('; '));
  const model = lowerModule(module, { tf, seed: 3 });
  const info: RunInfo = {
    source: spec.source,
    set: {},
    train: {},
    backend: 'cpu',
    seed: 3,
    batch: 4,
    epochs: 1,
    metrics: ['accuracy'],
    steps: 1,
  };
  const files = await runFiles(
    { model, dataset: spec.dataset, binding: bound.binding, origin: 'e2e' },
    info,
  );
  model.dispose();
  const edit = (name: string, patch: (json: Record<string, unknown>) => object): void => {
    const json = JSON.parse(new TextDecoder().decode(files.get(name))) as Record<string, unknown>;
    files.set(name, new TextEncoder().encode(JSON.stringify(patch(json))));
  };
  edit(RUN_FILES.config, spec.config ?? ((c) => c));
  edit(RUN_FILES.summary, (c) => ({ ...c, backend: IMG }));
  if (spec.irName !== undefined) {
    files.set(
      RUN_FILES.ir,
      new TextEncoder().encode(moduleToJson({ ...module, model: spec.irName })),
    );
  }
  const entries = [...files].map(([name, data]) => ({ name: `run/${name}`, data }));
  return Buffer.from(zipStore(entries));
}

/** Load `zip` through Train's "Load run…" input; the app then shows the Try tab. */
async function loadZip(page: Page, zip: Buffer): Promise<void> {
  await page
    .locator('input[type="file"][accept*=".zip"]')
    .setInputFiles({ name: 'run.zip', mimeType: 'application/zip', buffer: zip });
  await expect
    .poll(() => page.locator('[data-tab="try"]').getAttribute('aria-selected'), {
      timeout: PATIENCE,
    })
    .toBe('true');
  await expect.poll(() => page.locator('.try button.primary').isEnabled()).toBe(true);
}

/** A classifier whose comments, model name (in its IR) and class labels are payloads. */
const CLASSIFY_SOURCE = `# ${IMG}
model Namer(hidden = 4) {  # ${SCRIPT}
  input name: [B, T] int < 40
  name |> embed(4) |> gru(hidden) |> last |> dense(2) -> logits  # ${BREAKOUT}
  output logits
}
`;

const CLASSIFY_DATA: SequenceDataset = {
  name: 'names',
  description: '',
  task: 'classify',
  fields: [
    {
      name: 'name',
      kind: 'tokens',
      // Letters, and two payload tokens among them.
      vocab: Vocabulary.fromTokens(
        new Map([...'abcdefghijklmnopqrstuvwxyz', TOKEN_SVG, TOKEN_IMG].map((t) => [t, 1])),
      ),
      time: 'T',
    },
    { name: 'label', kind: 'class', vocab: Vocabulary.ofLabels([IMG, SCRIPT]) },
  ],
  inputs: ['name'],
  targets: ['label'],
  splits: { train: [], valid: [], test: [] },
};

/** A tagger over payload words whose tags are payloads. */
const TAG_SOURCE = `model Tagger(hidden = 4) {
  input words: [B, T] int < 5
  words |> embed(4) |> rnn(hidden) |> dense(5) -> tags
  output tags
}
`;

const TAG_DATA: SequenceDataset = {
  name: 'brown-pos',
  description: '',
  task: 'tag',
  fields: [
    {
      name: 'words',
      kind: 'tokens',
      vocab: Vocabulary.fromTokens(new Map([TOKEN_SVG, TOKEN_IMG, 'plain'].map((t) => [t, 1]))),
      time: 'T',
    },
    { name: 'tags', kind: 'tags', vocab: new Vocabulary([IMG, SCRIPT, BREAKOUT]), time: 'T' },
  ],
  inputs: ['words'],
  targets: ['tags'],
  splits: { train: [], valid: [], test: [] },
};

/** A word classifier for a user's CSV file, trained for one short epoch. */
const FILE_SOURCE = `model Reviews(vocab = 100, hidden = 4) {
  input words: [B, T] int < vocab
  words |> embed(4) |> gru(hidden) |> last |> dense(2) -> logits
  output logits
}

train Reviews on "reviews.csv" {
  loss = cross_entropy
  batch = 2
  epochs = 1
}
`;

/** A CSV whose labels and words are payloads (quotes doubled, as CSV escapes them). */
const csvCell = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const FILE_CSV = [
  'label,text,split',
  ...[
    [IMG, `a warm ${TOKEN_SVG} film`, 'train'],
    [SCRIPT, `dull ${TOKEN_IMG} and long`, 'train'],
    [IMG, 'a warm film', 'train'],
    [SCRIPT, 'dull and long', 'train'],
    [IMG, `warm ${TOKEN_SVG}`, 'valid'],
    [SCRIPT, 'dull film', 'test'],
  ].map((row) => row.map(csvCell).join(',')),
].join('\n');

describe('untrusted input never runs (issue 16 §5)', () => {
  it('control: the payload does run when put into innerHTML, so the flag is a real probe', async () => {
    await withPage('control', '', async (page) => {
      await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), IMG);
      await expect.poll(() => page.evaluate(() => window.__pwned)).toBe(1);
    });
  });

  it('a shared link: comments and a data set name show as text in every panel', async () => {
    const link = encodeState({ ...stateOf(LINK_SOURCE), panel: 'graph', dataset: IMG });
    await withPage('link', link, async (page) => {
      const editor = await textOf(page, 'editor');
      for (const p of [IMG, SCRIPT, BREAKOUT, TOKEN_SVG, QUOTED_IMG]) expect(editor).toContain(p);
      await expect
        .poll(() => page.getByTestId('graph').locator('svg g.box').count())
        .toBeGreaterThan(0);
      await showTab(page, 'unrolled');
      await page.getByTestId('unrolled').locator('svg').waitFor();
      await showTab(page, 'shapes');
      expect(await textOf(page, 'shape-table')).toContain('[B, T, 3]');
      // The Train panel reads the link's data set name (unknown: it picks none).
      await showTab(page, 'train');
      await expectInert(page);
    });
  });

  it('a shared link: a model name and a --set value show as text in the diagnostics', async () => {
    const link = encodeState({ ...stateOf(LINK_SOURCE), model: SCRIPT, set: { hidden: IMG } });
    await withPage('link-diagnostics', link, async (page) => {
      await expect
        .poll(() => textOf(page, 'diagnostics'))
        .toContain(`no model named \`${SCRIPT}\``);
      expect(await page.locator('input[data-hyper="hidden"]').inputValue()).toBe(IMG);
      // The editor's own rendering of a diagnostic: the lint tooltip on the marked range.
      await page.locator('.cm-lintRange-error').first().hover();
      const tooltip = page.locator('.cm-tooltip-lint');
      await tooltip.waitFor();
      expect(await tooltip.textContent()).toContain(SCRIPT);
      await expectInert(page);
    });
  });
  it('run zips: a model name, comments, labels, tokens and a config show as text', async () => {
    const classifier = await runZip({
      source: CLASSIFY_SOURCE,
      dataset: CLASSIFY_DATA,
      irName: `Namer${BREAKOUT}`,
    });
    const tagger = await runZip({
      source: TAG_SOURCE,
      dataset: TAG_DATA,
      irName: IMG,
      config: (c) => ({
        ...c,
        model: SCRIPT,
        set: { hidden: IMG },
        data: { ...(c['data'] as object), name: BREAKOUT },
      }),
    });
    await withPage('zip', '', async (page) => {
      // The classifier: its source in the editor, its IR's name in Try, labels as bars.
      await loadZip(page, classifier);
      expect(await textOf(page, 'editor')).toContain(IMG);
      expect(await page.locator('.panel.try > p.muted').textContent()).toContain(BREAKOUT);
      await page.locator('.try-input').fill('anna');
      await page.locator('.try button.primary').click();
      await expect
        .poll(() => page.locator('.bar-label').allTextContents())
        .toEqual(expect.arrayContaining([IMG, SCRIPT]));
      await showTab(page, 'graph');
      await page.getByTestId('graph').locator('svg g.box').first().waitFor();
      await expectInert(page);

      // The tagger: config.json names a model that is not there and sets a string override.
      await loadZip(page, tagger);
      await expect
        .poll(() => page.locator('.toast').textContent())
        .toBe(`loaded the run of ${SCRIPT}`);
      await expect
        .poll(() => textOf(page, 'diagnostics'))
        .toContain(`no model named \`${SCRIPT}\``);
      expect(await page.locator('input[data-hyper="hidden"]').inputValue()).toBe(IMG);
      expect(await page.locator('.panel.try > p.muted').textContent()).toContain(IMG);
      await page.locator('.try-input').fill(`${TOKEN_SVG} ${TOKEN_IMG} plain`);
      await page.locator('.try button.primary').click();
      const words = page.locator('.tagged-token b');
      await expect.poll(() => words.allTextContents()).toEqual([TOKEN_SVG, TOKEN_IMG, 'plain']);
      for (const t of await page.locator('.tagged-token small').allTextContents()) {
        expect([IMG, SCRIPT, BREAKOUT]).toContain(t);
      }
      await showTab(page, 'unrolled');
      await showTab(page, 'shapes');
      await expectInert(page);
    });
  });
  it("a user's data file: its name, labels and words show as text, trained and tried", async () => {
    const link = encodeState({ ...stateOf(FILE_SOURCE), panel: 'train' });
    await withPage('data-file', link, async (page) => {
      await expect
        .poll(() => page.getByTestId('backend').textContent(), { timeout: PATIENCE })
        .toMatch(/web|wasm|cpu/);
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('dataset-select').selectOption('__file__');
      // No slash in the name: the browser would keep only what follows it.
      const name = '<svg onload=window.__pwned=1>.csv';
      await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(FILE_CSV) });
      await expect
        .poll(() => page.getByTestId('dataset-select').locator('option:checked').textContent())
        .toBe(`your file: ${name}`);
      await page.getByTestId('train-button').click();
      await showTab(page, 'try');
      await expect
        .poll(() => page.locator('.try button.primary').isEnabled(), { timeout: PATIENCE })
        .toBe(true);
      await page.locator('.try-input').fill(`a warm ${TOKEN_SVG} film`);
      await page.locator('.try button.primary').click();
      await expect
        .poll(() => page.locator('.bar-label').allTextContents())
        .toEqual(expect.arrayContaining([IMG, SCRIPT]));
      await expectInert(page);
    });
  });
});
