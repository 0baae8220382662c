/**
 * Models used as layers. A model cannot be a layer of another model (a cell can); when the
 * use closes a loop (A uses A, or A uses B uses A) it gets its own code, since "unknown
 * layer" would send the reader looking for a typo.
 */
import type { ModelDecl } from '@seqlab/syntax';

/** The names a model applies as layers (`f(...)` and `x |> f`), found without recursion. */
export function layerNamesUsed(decl: ModelDecl): Set<string> {
  const names = new Set<string>();
  const stack: unknown[] = [...decl.body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
      continue;
    }
    const n = node as { kind?: string; callee?: { name: string }; right?: unknown };
    if (n.kind === 'CallExpr' && n.callee) names.add(n.callee.name);
    const right =
      n.kind === 'PipeExpr' ? (n.right as { kind?: string; name?: { name: string } }) : undefined;
    if (right?.kind === 'NameExpr' && right.name) names.add(right.name.name);
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'span' && typeof value === 'object') stack.push(value);
    }
  }
  return names;
}

/**
 * The chain `from -> ... -> target` of models applying each other as layers, shortest
 * first, or undefined when `from` never reaches `target`.
 */
export function modelPath(
  models: ReadonlyMap<string, ModelDecl>,
  from: string,
  target: string,
): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (name === target) {
      const path = [name];
      for (let at = name; previous.has(at);) {
        at = previous.get(at) as string;
        path.unshift(at);
      }
      return path;
    }
    const decl = models.get(name);
    if (!decl) continue;
    for (const next of layerNamesUsed(decl)) {
      if (seen.has(next) || !models.has(next)) continue;
      seen.add(next);
      previous.set(next, name);
      queue.push(next);
    }
  }
  return undefined;
}
