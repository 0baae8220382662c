/**
 * The module-boundary rule is the architecture's guard (docs/architecture.md). ESLint skips it
 * silently when Nx has no project graph, so this test computes the graph and proves the rule
 * rejects an upward import.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('module boundaries', () => {
  it('the IR may not import the syntax package', async () => {
    execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(
      "import type { Program } from '@seqlab/syntax';\nexport type X = Program;\n",
      { filePath: join(root, 'packages/ir/src/boundary-probe.ts') },
    );
    const rules = result?.messages.map((m) => m.ruleId) ?? [];
    expect(rules).toContain('@nx/enforce-module-boundaries');
  });

  it('the compiler may import the IR and syntax', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(
      "import type { Program } from '@seqlab/syntax';\nimport type { IrModule } from '@seqlab/ir';\nexport type X = [Program, IrModule];\n",
      { filePath: join(root, 'packages/compiler/src/boundary-probe.ts') },
    );
    expect(result?.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries')).toEqual(
      [],
    );
  });

  it('the lowering may not import a backend package (backends import it)', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(
      "import { registerCpuKernels } from '@seqlab/backend-cpu';\nexport const f = registerCpuKernels;\n",
      { filePath: join(root, 'packages/tfjs/src/boundary-probe.ts') },
    );
    const rules = result?.messages.map((m) => m.ruleId) ?? [];
    expect(rules).toContain('@nx/enforce-module-boundaries');
  });

  it('a backend package may build on the shared cpu and wasm kernels', async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(
      "import { installCpuKernels } from '@seqlab/backend-cpu';\nexport const f = installCpuKernels;\n",
      { filePath: join(root, 'packages/backend-node/src/boundary-probe.ts') },
    );
    expect(result?.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries')).toEqual(
      [],
    );
  });
});
