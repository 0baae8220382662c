/**
 * The Settings card of the Train panel: learning rate, batch, epochs and clip norm. The
 * placeholders show the train block's values; a typed value is an override kept in the
 * page state (and so in the shared link).
 */
import type { Compiled } from '../compile/compile-source.js';
import type { PlaygroundState, TrainOverrides } from '../state/playground-state.js';
import { h } from '../ui/dom.js';
import { resolveTraining } from './session-options.js';

/** The card and its refresh. */
export interface SettingsCard {
  readonly el: HTMLElement;
  /** Show the compiled train block's values and the state's overrides. */
  update(compiled: Compiled, overrides: TrainOverrides): void;
}

/** Create the card; `state`/`update` read and change the page state. */
export function settingsCard(
  state: () => PlaygroundState,
  update: (patch: Partial<PlaygroundState>) => void,
): SettingsCard {
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
      const train = { ...state().train };
      if (input.value === '' || !(v > 0)) delete train[key];
      else train[key] = v;
      update({ train });
    });
    return input;
  };
  const lr = field('learning rate', 'lr', 'any');
  const batch = field('batch size', 'batch', '1');
  const epochs = field('epochs', 'epochs', '1');
  const clip = field('clip norm', 'clipNorm', 'any');
  const optimizerText = h('span', { class: 'muted' });

  const el = h(
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
  );

  return {
    el,
    update(compiled, t) {
      const base = resolveTraining(compiled.result.train, {}, 1);
      lr.placeholder = String(base.optimizer.lr);
      batch.placeholder = String(base.batchSize);
      epochs.placeholder = String(base.epochs);
      clip.placeholder = base.clipNorm !== undefined ? String(base.clipNorm) : 'off';
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
    },
  };
}
