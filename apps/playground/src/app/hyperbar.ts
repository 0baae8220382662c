/**
 * The model header as controls: `model NameGender( vocab [32] hidden [64] )`. A changed
 * value becomes a `--set` override (the text stays as written), so the URL carries it and
 * the table, diagrams and training all see it.
 */
import { parseSetValue, type SetValue } from '@seqlab/compiler';
import type { Compiled } from '../compile/compile-source.js';
import { h, replaceChildren } from '../ui/dom.js';

/** The bar, with an update per compile. */
export interface Hyperbar {
  readonly el: HTMLElement;
  /** Show `compiled`'s header with the overrides `set`; `fromData` says which the data set. */
  update(
    compiled: Compiled,
    set: Readonly<Record<string, SetValue>>,
    model?: string,
    fromData?: Readonly<Record<string, string>>,
  ): void;
}

/** What the bar's controls do. */
export interface HyperbarActions {
  /** New overrides. */
  onSet(set: Record<string, SetValue>): void;
  /** Another model of the file was chosen. */
  onModel(model: string): void;
  /** Write the override of `name` into the source, replacing the default there. */
  onWrite(name: string): void;
}

/** Show a set value the way it would be typed. */
export function showSetValue(v: SetValue): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}

/** Create the bar. */
export function hyperbar({ onSet, onModel, onWrite }: HyperbarActions): Hyperbar {
  const el = h('div', { class: 'hyperbar', 'aria-label': 'hyperparameters' });
  let key = '';
  return {
    el,
    update(compiled, set, model, fromData = {}) {
      const params = compiled.hyperparameters;
      const models = compiled.result.models;
      const name = compiled.result.model ?? models[0] ?? '';
      // Rebuild only when the header's shape changes, so typing in a field keeps focus.
      const nextKey = JSON.stringify([name, models, params, set, fromData]);
      if (nextKey === key) return;
      key = nextKey;
      const chooser =
        models.length > 1
          ? h(
              'select',
              {
                'aria-label': 'model',
                onchange: (e) => onModel((e.target as HTMLSelectElement).value),
              },
              ...models.map((m) => h('option', { value: m, selected: m === (model ?? name) }, m)),
            )
          : h('b', {}, name || '(no model)');
      const fields = params.map((p) => {
        const current = set[p.name];
        const input = h('input', {
          class: current !== undefined ? 'changed' : '',
          value: current !== undefined ? showSetValue(current) : (p.defaultText ?? ''),
          placeholder: p.defaultText ?? 'required',
          size: Math.max(3, (p.defaultText ?? '').length + 1),
          'aria-label': p.name,
          'data-hyper': p.name,
        });
        input.addEventListener('change', () => {
          const next = { ...set };
          const text = input.value.trim();
          if (text === '' || text === p.defaultText) delete next[p.name];
          else next[p.name] = parseSetValue(text);
          onSet(next);
        });
        return h('label', { class: 'hyper' }, h('span', {}, p.name), input);
      });
      replaceChildren(
        el,
        h('span', { class: 'kw' }, 'model '),
        chooser,
        params.length ? h('span', { class: 'paren' }, '(') : null,
        ...fields,
        params.length ? h('span', { class: 'paren' }, ')') : null,
        Object.keys(set).length
          ? h('button', { class: 'link', onclick: () => onSet({}) }, 'reset')
          : null,
        ...dataNotes(fromData, set, onWrite),
      );
    },
  };
}

/**
 * One note per hyperparameter the data decided (training set `vocab` from the data set's
 * vocabulary): what, where the user looks (why on hover), with a button that writes the
 * value into the model header so the text says what is trained.
 */
function dataNotes(
  fromData: Readonly<Record<string, string>>,
  set: Readonly<Record<string, SetValue>>,
  onWrite: (name: string) => void,
): HTMLElement[] {
  return Object.entries(fromData).map(([name, why]) =>
    h(
      'span',
      {
        class: 'data-note',
        'data-testid': 'data-note',
        'data-hyper-note': name,
        // The reason in full on hover (and in the Train panel's status line): the bar keeps
        // the value short enough to share the model's line on a laptop.
        title: `set from the data: ${why}`,
      },
      `set from the data: ${name} = ${showSetValue(set[name] ?? '?')}`,
      h('button', { class: 'link', onclick: () => onWrite(name) }, 'write into the source'),
    ),
  );
}
