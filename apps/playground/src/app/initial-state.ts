/** Which session the page opens with: a shared link, else the last session, else names. */
import { DEFAULT_EXAMPLE, EXAMPLES, exampleNamed } from '../compile/examples.js';
import { loadSession, type KeyValueStore } from '../state/local-session.js';
import { stateOf, type PlaygroundState } from '../state/playground-state.js';
import { decodeState } from '../state/url-state.js';

/** Where the state came from (shown once, so a visitor knows why they see this model). */
export type StateOrigin = 'link' | 'storage' | 'default';

/** The state to open with. */
export function initialState(
  hash: string,
  store: KeyValueStore | undefined,
): { state: PlaygroundState; origin: StateOrigin } {
  const fromLink = decodeState(hash);
  if (fromLink) return { state: fromLink, origin: 'link' };
  const fromStore = store ? loadSession(store) : undefined;
  if (fromStore) return { state: fromStore, origin: 'storage' };
  const ex = exampleNamed(DEFAULT_EXAMPLE) ?? EXAMPLES[0];
  return { state: stateOf(ex?.text ?? '', ex?.file), origin: 'default' };
}
