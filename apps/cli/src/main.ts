/** Entry point of the bundled `seqlab` binary. */
import { runCli } from './cli.js';
import { reportInternalError } from './output/internal-error.js';

// A bug outside the command's promise (a callback, a timer) is reported the same way.
const crash = (e: unknown): void => {
  process.exitCode = reportInternalError(e, process.argv);
  process.exit();
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

process.exitCode = await runCli(process.argv);
