/**
 * The last session in local storage, so a reload (or tomorrow's visit) finds the model
 * where it was. Stored in the same encoding as a shared link, so one decoder checks both.
 */
import type { PlaygroundState } from './playground-state.js';
import { decodeState, encodeState } from './url-state.js';

const STORAGE_KEY = 'seqlab-playground:last-session';

/** The part of the Storage API used here (tests pass a Map-backed one). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Remember `state`. Storage may be full or disabled (private windows): then forget it. */
export function saveSession(store: KeyValueStore, state: PlaygroundState): void {
  try {
    store.setItem(STORAGE_KEY, encodeState(state));
  } catch {
    // Quota exceeded or storage disabled: the session is simply not remembered.
  }
}

/** The remembered session, if there is a valid one. */
export function loadSession(store: KeyValueStore): PlaygroundState | undefined {
  try {
    const raw = store.getItem(STORAGE_KEY);
    return raw ? decodeState(raw) : undefined;
  } catch {
    return undefined;
  }
}
