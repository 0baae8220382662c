/** "Did you mean" suggestions by edit distance, for unknown names of every kind. */

/**
 * Edit distance between `a` and `b` where swapping two neighbouring letters counts as one
 * edit, as inserting, deleting or changing one does (optimal string alignment): the typo
 * `gur` is one edit from `gru`, not two.
 */
export function editDistance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Longest name that gets a "did you mean". */
const MAX_SUGGEST_LENGTH = 64;

/** The closest candidate to `name`, if it is close enough to be a likely typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  // The distance costs length x length: no suggestions for absurdly long names, and no
  // distance computed where the lengths alone rule a candidate out.
  if (name.length > MAX_SUGGEST_LENGTH) return undefined;
  let best: string | undefined;
  let bestDist = Infinity;
  const limit = Math.max(1, Math.floor(name.length / 3));
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDist && d <= limit) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/** ` (did you mean `x`?)` or the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closest(name, candidates);
  return c === undefined ? '' : `; did you mean \`${c}\`?`;
}
