export type { Span, LineCol } from './span.js';
export { SourceFile, joinSpans } from './span.js';
export type { Diagnostic, Severity, RelatedInfo } from './diagnostic.js';
export { hasErrors, sortDiagnostics } from './diagnostic.js';
export type { RenderStyle, SourceLookup } from './render.js';
export { renderDiagnostic, plainStyle } from './render.js';
export type {
  DiagnosticCatalogue,
  DiagnosticDef,
  DiagnosticExample,
  DiagnosticExtras,
} from './catalogue.js';
export { defineCatalogue, diagnosticOf } from './catalogue.js';
