/**
 * Names of the built-in layers; user cells and models may not reuse them. Derived from the
 * layer registry, so a new layer is reserved the moment it is defined.
 */
import { BUILTIN_LAYERS } from './registry.js';

/** Every name a built-in layer is called by. */
export const BUILTIN_LAYER_NAMES: ReadonlySet<string> = new Set(BUILTIN_LAYERS.keys());
