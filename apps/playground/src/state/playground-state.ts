/**
 * What a playground session is: the model text and the settings around it. This is what a
 * shared link and local storage carry; everything else (compiled module, weights) derives
 * from it or is too big for a URL.
 */
import type { SetValue } from '@seqlab/compiler';

/** Training settings a user changed from the train block's values. */
export interface TrainOverrides {
  readonly lr?: number;
  readonly batch?: number;
  readonly epochs?: number;
  readonly clipNorm?: number;
}

/** The right-hand panels. */
export type PanelName = 'shapes' | 'graph' | 'unrolled' | 'train' | 'try';

/** The names of {@link PanelName}, in tab order. */
export const PANELS: readonly PanelName[] = ['shapes', 'graph', 'unrolled', 'train', 'try'];

/** A session's shareable state. */
export interface PlaygroundState {
  /** The `.seq` text in the editor. */
  readonly source: string;
  /** The example it started from (for the gallery's selection), if any. */
  readonly example?: string;
  /** Which model of the file (default: the first). */
  readonly model?: string;
  /** Hyperparameter overrides, as `--set name=value` would give. */
  readonly set: Readonly<Record<string, SetValue>>;
  /** A built-in data set name; absent = the train block's, else `names`. */
  readonly dataset?: string;
  readonly train: TrainOverrides;
  readonly panel?: PanelName;
  /** Steps of the unrolled figure. */
  readonly steps?: number;
}

/** A state with nothing but `source`. */
export function stateOf(source: string, example?: string): PlaygroundState {
  return { source, set: {}, train: {}, ...(example !== undefined ? { example } : {}) };
}
