/** The op table: one lowering rule per IR op (the type makes it exhaustive). */
import type { RuleTable } from './context.js';
import { convRules } from './conv.js';
import { elementwiseRules } from './elementwise.js';
import { layerRules } from './layers.js';
import { recurrentRules } from './recurrent.js';
import { scan } from './scan.js';
import { timeRules } from './time.js';

/** Every op of the IR mapped to its rule. */
export const RULES: RuleTable = {
  ...elementwiseRules(),
  ...layerRules(),
  ...convRules(),
  ...timeRules(),
  ...recurrentRules(),
  scan,
};
