/**
 * @seqlab/playground's pure parts, for tests and for other front ends: URL state, editor
 * helpers, the layer-table model, the training settings mapping and controller, run files.
 */
export { encodeState, decodeState } from './state/url-state.js';
export { saveSession, loadSession, type KeyValueStore } from './state/local-session.js';
export {
  stateOf,
  PANELS,
  type PlaygroundState,
  type PanelName,
  type TrainOverrides,
} from './state/playground-state.js';
export { diagnosticItems, type DiagnosticItem } from './editor/diagnostic-items.js';
export { hoverInfoAt, type HoverInfo } from './editor/hover-info.js';
export { completionContextAt, type CompletionContextInfo } from './editor/completion-context.js';
export { shapeTableModel, formatCount, type TableModel } from './views/shape-table-model.js';
export { receptiveFieldSvg, receptiveCone, windowLayers } from './views/receptive-field-figure.js';
export { resolveTraining, headlineMetric, type ResolvedTraining } from './train/session-options.js';
export {
  TrainingController,
  type SessionLike,
  type TrainProgress,
  type TrainPhase,
} from './train/training-controller.js';
export { runFiles, readRun, RUN_FILES, type RunConfig, type LoadedRun } from './run/run-dir.js';
export { zipStore, unzip, crc32 } from './run/zip.js';
