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
  const loader = new ProgramLoader(host, rep);
  const entry = loader.parseFile(path, text);
  loader.visitAll(entry);
  const { files, models, cells, syntaxErrors } = loader;
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

/** A file being visited in the import walk, and the index of its next item. */
interface Frame {
  readonly file: LoadedFile;
  next: number;
}

/** The tables filled while parsing the entry file and its imports. */
class ProgramLoader {
  readonly files = new Map<string, LoadedFile>();
  readonly models = new Map<string, ModelDecl>();
  readonly cells = new Map<string, CellDecl>();
  readonly syntaxErrors: Span[] = [];

  constructor(
    private readonly host: CompileHost | undefined,
    private readonly rep: Reporter,
  ) {}

  /** Parse one file, reporting its syntax errors and remembering where they are. */
  parseFile(p: string, t: string): LoadedFile {
    const { program, diagnostics } = parse(t, p);
    this.rep.addAll(diagnostics);
    for (const d of diagnostics) if (d.severity === 'error') this.syntaxErrors.push(d.span);
    const file = { path: p, source: new SourceFile(p, t), program };
    this.files.set(p, file);
    return file;
  }

  /** Enter a model or cell in the tables, unless its name is taken. */
  declare(decl: ModelDecl | CellDecl): void {
    const rep = this.rep;
    const name = decl.name.name;
    if (name === '') return; // the parser reported the missing name
    const prior = this.models.get(name) ?? this.cells.get(name);
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
    if (decl.kind === 'ModelDecl') this.models.set(name, decl);
    else this.cells.set(name, decl);
  }

  /**
   * Depth-first over imports, iterative (an import chain thousands of files long must not
   * overflow the stack): `path` is the chain of files being visited and detects cycles,
   * `files` avoids re-reading diamonds.
   */
  visitAll(root: LoadedFile): void {
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
      if (item.kind === 'ModelDecl' || item.kind === 'CellDecl') this.declare(item);
      if (item.kind !== 'ImportDecl') continue;
      const target = this.openImport(top.file, item, path);
      if (target) {
        frames.push({ file: target, next: 0 });
        path.push(target.path);
      }
    }
  }

  /** Parse the file `imp` names, unless it is missing, on the current chain, or already read. */
  private openImport(
    from: LoadedFile,
    imp: ImportDecl,
    path: readonly string[],
  ): LoadedFile | undefined {
    const { host, rep } = this;
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
    if (this.files.has(target)) return undefined;
    const text = host.readFile(target);
    if (text === undefined) {
      rep.error(
        'importNotFound',
        imp.path.span,
        `cannot find "${imp.path.value}" (looked for ${target})`,
      );
      return undefined;
    }
    return this.parseFile(target, text);
  }
}
