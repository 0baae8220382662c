/** Entry point of the bundled `seqlab` binary. */
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv);
