/**
 * How the compiler reaches other files. The compiler itself never touches a file system
 * (it runs in the browser too); the CLI passes a Node host, the playground an in-memory one.
 */
export interface CompileHost {
  /** The text of `path`, or `undefined` if there is no such file. */
  readFile(path: string): string | undefined;
  /** The path that `import "spec"` in `fromFile` refers to. */
  resolveImport(fromFile: string, spec: string): string;
}

/** Joins POSIX-style paths without Node's `path` module (browser-safe). */
export function joinRelative(fromFile: string, spec: string): string {
  if (spec.startsWith('/')) return normalise(spec);
  const slash = fromFile.lastIndexOf('/');
  const dir = slash >= 0 ? fromFile.slice(0, slash) : '.';
  return normalise(`${dir}/${spec}`);
}

function normalise(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** A host over an in-memory map of files (tests, playground). */
export function memoryHost(files: Readonly<Record<string, string>>): CompileHost {
  return {
    readFile: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    resolveImport: joinRelative,
  };
}
