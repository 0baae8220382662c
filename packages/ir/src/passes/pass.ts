/** The pass interface and the pass runner, which verifies the module after every pass. */
import type { IrModule } from '../types.js';
import { verifyModule } from '../verify.js';

/** A module-to-module rewrite. Passes never mutate their input. */
export interface Pass {
  readonly name: string;
  run(m: IrModule): IrModule;
}

/**
 * Runs `passes` in order, verifying the result of each. A pass that breaks an invariant is
 * a bug, so this throws with the pass's name and the verifier's problems.
 */
export function runPasses(m: IrModule, passes: readonly Pass[]): IrModule {
  let current = m;
  for (const pass of passes) {
    current = pass.run(current);
    const problems = verifyModule(current);
    if (problems.length > 0) {
      throw new Error(`pass ${pass.name} produced invalid IR:\n  ${problems.join('\n  ')}`);
    }
  }
  return current;
}
