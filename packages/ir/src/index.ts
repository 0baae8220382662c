export * from './types.js';
export type { OpAttrs } from './op-attrs.js';
