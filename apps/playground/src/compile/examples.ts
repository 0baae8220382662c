/**
 * The example gallery: every `examples/*.seq` of the repository, bundled as text at build
 * time (Vite's `import.meta.glob`), so the gallery can never miss a new example.
 */
const files = import.meta.glob<string>('../../../../examples/*.seq', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** One example: its file name and text. */
export interface Example {
  readonly file: string;
  readonly text: string;
  /** The first comment line, without `#` (what the example is about). */
  readonly title: string;
}

function titleOf(file: string, text: string): string {
  const first = text.split('\n').find((l) => l.trim().startsWith('#'));
  const t = first
    ?.replace(/^\s*#\s*/, '')
    .replace(new RegExp(`^${file.replace('.', '\\.')}:\\s*`), '');
  return t ?? file;
}

/** Every example, by file name. */
export const EXAMPLES: readonly Example[] = Object.entries(files)
  .map(([path, text]) => {
    const file = path.slice(path.lastIndexOf('/') + 1);
    return { file, text, title: titleOf(file, text) };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

/** The example shown to a first-time visitor. */
export const DEFAULT_EXAMPLE = 'names.seq';

/** An example by file name. */
export function exampleNamed(file: string): Example | undefined {
  return EXAMPLES.find((e) => e.file === file);
}

/** The examples as files for `memoryHost`, so `import "names.seq"` works in the editor. */
export function exampleFiles(): Record<string, string> {
  return Object.fromEntries(EXAMPLES.map((e) => [e.file, e.text]));
}
