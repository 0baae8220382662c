/**
 * Stage 1 of compilation: parse the entry file and everything it imports, and collect the
 * declarations (models, cells, train blocks) into one table. Import cycles and missing files
 * are diagnostics at the `import` that caused them.
 */
import { SourceFile, type Span } from '@seqlab/diagnostics';
import { parse } from '@seqlab/syntax';
import type { CellDecl, ImportDecl, ModelDecl, Program, TrainDecl } from '@seqlab/syntax';
import type { CompileHost } from '../host.js';
import type { Reporter } from '../reporter.js';
import { BUILTIN_LAYER_NAMES } from '../layers/names.js';

/** A parsed file. */
export interface LoadedFile {
  readonly path: string;
  readonly source: SourceFile;
  readonly program: Program;
}

/** Everything visible to the entry file. */
export interface LoadedProgram {
  readonly entry: LoadedFile;
  readonly files: ReadonlyMap<string, LoadedFile>;
  readonly models: ReadonlyMap<string, ModelDecl>;
  readonly cells: ReadonlyMap<string, CellDecl>;
  /** Train blocks of the entry file only (imported files' training is theirs). */
  readonly trains: readonly TrainDecl[];
  /** Models declared in the entry file, in order. */
  readonly entryModels: readonly string[];
  /**
   * Whether a declaration contains a syntax error. Such declarations are not elaborated:
   * the parser's recovery leaves holes that would only produce follow-on errors.
   */
  hasSyntaxError(node: { readonly span: Span }): boolean;
}

/** Parse `text` (the file `path`) and its imports; report problems to `rep`. */
export function loadProgram(
  text: string,
  path: string,
  host: CompileHost | undefined,
  rep: Reporter,
): LoadedProgram {
  const files = new Map<string, LoadedFile>();
  const models = new Map<string, ModelDecl>();
  const cells = new Map<string, CellDecl>();

  const syntaxErrors: Span[] = [];
  const parseFile = (p: string, t: string): LoadedFile => {
    const { program, diagnostics } = parse(t, p);
    rep.addAll(diagnostics);
    for (const d of diagnostics) if (d.severity === 'error') syntaxErrors.push(d.span);
    const file = { path: p, source: new SourceFile(p, t), program };
    files.set(p, file);
    return file;
  };

  const declare = (decl: ModelDecl | CellDecl): void => {
    const name = decl.name.name;
    if (name === '') return; // the parser reported the missing name
    const prior = models.get(name) ?? cells.get(name);
    if (prior) {
      rep.error(
        'duplicateDefinition',
        decl.name.span,
        `\`${name}\` is already defined`,
        undefined,
        [{ message: 'first defined here', span: prior.name.span }],
      );
      return;
    }
    if (BUILTIN_LAYER_NAMES.has(name)) {
      rep.error(
        'duplicateDefinition',
        decl.name.span,
        `\`${name}\` is a built-in layer; give your ${decl.kind === 'CellDecl' ? 'cell' : 'model'} another name`,
      );
      return;
    }
    if (decl.kind === 'ModelDecl') models.set(name, decl);
    else cells.set(name, decl);
  };

  // Depth-first over imports, iterative (an import chain thousands of files long must not
  // overflow the stack): `path` is the chain of files being visited and detects cycles,
  // `files` avoids re-reading diamonds.
  interface Frame {
    readonly file: LoadedFile;
    next: number;
  }
  const visitAll = (root: LoadedFile): void => {
    const frames: Frame[] = [{ file: root, next: 0 }];
    const path: string[] = [root.path];
    while (frames.length > 0) {
      const top = frames[frames.length - 1] as Frame;
      const item = top.file.program.items[top.next++];
      if (!item) {
        frames.pop();
        path.pop();
        continue;
      }
      if (item.kind === 'ModelDecl' || item.kind === 'CellDecl') declare(item);
      if (item.kind !== 'ImportDecl') continue;
      const target = openImport(top.file, item, path);
      if (target) {
        frames.push({ file: target, next: 0 });
        path.push(target.path);
      }
    }
  };
  const openImport = (
    from: LoadedFile,
    imp: ImportDecl,
    path: readonly string[],
  ): LoadedFile | undefined => {
    if (!host) {
      rep.error('importNotFound', imp.span, 'imports need files, and none are available here');
      return undefined;
    }
    const target = host.resolveImport(from.path, imp.path.value);
    if (path.includes(target)) {
      const cycle = [...path.slice(path.indexOf(target)), target].join(' -> ');
      rep.error('importCycle', imp.span, `import cycle: ${cycle}`);
      return undefined;
    }
    if (files.has(target)) return undefined;
    const text = host.readFile(target);
    if (text === undefined) {
      rep.error(
        'importNotFound',
        imp.path.span,
        `cannot find "${imp.path.value}" (looked for ${target})`,
      );
      return undefined;
    }
    return parseFile(target, text);
  };

  const entry = parseFile(path, text);
  visitAll(entry);
  const trains = entry.program.items.filter((i): i is TrainDecl => i.kind === 'TrainDecl');
  const entryModels = entry.program.items
    .filter((i): i is ModelDecl => i.kind === 'ModelDecl')
    .map((m) => m.name.name);
  const hasSyntaxError = (node: { readonly span: Span }): boolean =>
    syntaxErrors.some(
      (e) => e.file === node.span.file && e.start >= node.span.start && e.start <= node.span.end,
    );
  return { entry, files, models, cells, trains, entryModels, hasSyntaxError };
}
