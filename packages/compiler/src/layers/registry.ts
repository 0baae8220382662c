/** All built-in layers by name. */
import type { LayerDef } from './layer-def.js';
import { BASIC_LAYERS } from './basic.js';
import { TEMPORAL_LAYERS } from './temporal.js';
import { RECURRENT_LAYERS } from './recurrent.js';

/** Built-in layers by the name users call them with. */
export const BUILTIN_LAYERS: ReadonlyMap<string, LayerDef> = new Map(
  [...BASIC_LAYERS, ...TEMPORAL_LAYERS, ...RECURRENT_LAYERS].map((d) => [d.name, d]),
);
