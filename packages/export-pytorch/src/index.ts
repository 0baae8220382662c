/**
 * @seqlab/export-pytorch: a compiled seqlab model as a readable PyTorch module whose
 * state_dict takes seqlab's safetensors weights unchanged.
 */
export { exportPytorch, type ExportOptions, type ExportResult } from './export.js';
