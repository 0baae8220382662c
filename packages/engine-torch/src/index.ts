/**
 * @seqlab/engine-torch: the second training engine. Writes a job folder from seqlab's model
 * and data (job.ts), finds a Python with torch (python.ts) and runs the Python package in
 * python/seqlab_torch under torch.distributed.run (torch-run.ts), which the CLI drives.
 */
export { writeTorchJob, epochPlan, scorePlan, trainPlan } from './job.js';
export type { TorchJobSpec, TorchStart } from './job.js';
export {
  findTorchPython,
  pythonPackageDir,
  torchrunArgs,
  TorchUnavailableError,
} from './python.js';
export type { TorchPython, Topology } from './python.js';
export { TorchRun, TorchWorkerError } from './torch-run.js';
export type { TorchEvent, StartOptions } from './torch-run.js';
