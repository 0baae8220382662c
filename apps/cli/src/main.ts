/** Entry point of the bundled `seqlab` binary. */
import { runCli } from './cli.js';
import { reportInternalError } from './output/internal-error.js';

/** Whether `e` says the reader of our output went away (`seqlab ... | head -1`). */
function isClosedPipe(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

// A bug outside the command's promise (a callback, a timer) is reported the same way.
const crash = (e: unknown): void => {
  // A closed pipe is not a bug: nobody reads the rest, so stop quietly, as Unix tools do.
  process.exitCode = isClosedPipe(e) ? 0 : reportInternalError(e, process.argv);
  process.exit();
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
// A write to a closed pipe fails on the stream, after the write call has returned.
process.stdout.on('error', crash);

process.exitCode = await runCli(process.argv);
