/**
 * The Try panel: use the trained (or loaded) model. What it asks for follows the data
 * set's task: a name and its class probabilities, a sentence and its tags, a word and its
 * phonemes, a prime and generated text, or a validation example for a regression.
 */
import { h, replaceChildren } from '../ui/dom.js';
import type { ClassProbability, TaggedToken } from './predict.js';
import type { Prediction } from './prediction.js';

/**
 * A model to try: its name, task and origin, and a way to run it (in the training worker,
 * where the model lives).
 */
export interface TryModel {
  readonly name: string;
  readonly task: string;
  readonly origin: string;
  predict(text: string): Promise<Prediction>;
}

/** Placeholder text and a sample input per task. */
const PROMPTS: Readonly<Record<string, { label: string; sample: string }>> = {
  classify: { label: 'Type a name', sample: 'maria' },
  tag: { label: 'Type a sentence', sample: 'the jury said it did not find any evidence' },
  seq2seq: { label: 'Type a word', sample: 'playground' },
  lm: { label: 'Type a prime', sample: 'the ' },
};

/** The panel, with `setModel` for when a model is ready. */
export interface TryPanel {
  readonly el: HTMLElement;
  setModel(tm: TryModel | undefined, note?: string): void;
}

/** Create the panel. */
export function tryPanel(): TryPanel {
  const caption = h('p', { class: 'muted' }, 'Train a model (or load a run) to try it here.');
  const input = h('input', {
    type: 'text',
    class: 'try-input',
    'aria-label': 'input text',
    disabled: true,
  });
  const button = h('button', { class: 'primary', disabled: true }, 'Run');
  const out = h('div', { class: 'try-output', 'data-testid': 'try-output' });
  const label = h('label', { class: 'try-label' });
  const el = h(
    'div',
    { class: 'panel try' },
    caption,
    h('div', { class: 'row' }, label, input, button),
    out,
  );
  let model: TryModel | undefined;

  const run = async (): Promise<void> => {
    if (!model) return;
    try {
      replaceChildren(out, ...predictionView(await model.predict(input.value)));
    } catch (e) {
      replaceChildren(out, h('p', { class: 'error' }, (e as Error).message));
    }
  };
  button.addEventListener('click', () => void run());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') void run();
  });

  return {
    el,
    setModel(tm, note) {
      const changed = tm !== model;
      model = tm;
      input.disabled = !tm;
      button.disabled = !tm;
      if (!tm) return;
      caption.textContent = `${tm.name}, ${tm.origin}${note ? ` · ${note}` : ''}`;
      const prompt = PROMPTS[tm.task];
      label.textContent = prompt?.label ?? 'Validation example';
      input.hidden = !prompt;
      if (changed) {
        if (prompt && !input.value) input.value = prompt.sample;
        replaceChildren(out);
      }
    },
  };
}

/** The model's answer, drawn for its task. */
function predictionView(p: Prediction): HTMLElement[] {
  switch (p.kind) {
    case 'classify':
      return classView(p.classes);
    case 'tag':
      return [tagView(p.tokens)];
    case 'seq2seq':
      return [h('p', { class: 'phonemes' }, p.output.join(' ') || '(nothing)')];
    case 'lm':
      return [h('pre', { class: 'generated' }, h('b', {}, p.prime), p.text)];
    default:
      return regressionView(p.target, p.predicted);
  }
}

/** One bar per class, its length the class's probability. */
function classView(classes: readonly ClassProbability[]): HTMLElement[] {
  return classes.map((p) =>
    h(
      'div',
      { class: 'bar-row' },
      h('span', { class: 'bar-label' }, p.label),
      h(
        'span',
        { class: 'bar' },
        h('span', { class: 'fill', style: `width:${(p.p * 100).toFixed(1)}%` }),
      ),
      h('span', { class: 'bar-value' }, `${(p.p * 100).toFixed(1)}%`),
    ),
  );
}

/** Each token with its tag below it. */
function tagView(tokens: readonly TaggedToken[]): HTMLElement {
  return h(
    'div',
    { class: 'tagged' },
    ...tokens.map((t) =>
      h(
        'span',
        { class: 'tagged-token', title: `p = ${t.p.toFixed(2)}` },
        h('b', {}, t.token),
        h('small', {}, t.tag),
      ),
    ),
  );
}

/** A validation example's targets beside the predictions (the first 12). */
function regressionView(target: readonly number[], predicted: readonly number[]): HTMLElement[] {
  return [
    h('p', { class: 'muted' }, 'A validation example: target and prediction.'),
    h(
      'table',
      { class: 'shape-table' },
      h('tr', {}, h('th', {}, 'target'), h('th', {}, 'predicted')),
      ...target
        .slice(0, 12)
        .map((t, i) =>
          h(
            'tr',
            {},
            h('td', { class: 'num' }, t.toFixed(4)),
            h('td', { class: 'num' }, (predicted[i] ?? NaN).toFixed(4)),
          ),
        ),
    ),
  ];
}
