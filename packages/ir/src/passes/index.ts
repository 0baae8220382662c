/** The IR passes and the runner that verifies after each. */
export type { Pass } from './pass.js';
export { runPasses } from './pass.js';
export { eliminateDeadCode } from './dead-code.js';
export { expandRecurrences } from './expand-recurrences.js';
