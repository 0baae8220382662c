/**
 * A bug in seqlab (any exception that is not a user error) is one line on stderr and exit
 * code 70 (EX_SOFTWARE), never a chevrotain or tfjs stack: the user can do nothing with a
 * stack, but can send us the command line. `SEQLAB_DEBUG=1` prints the full stack too.
 */

/** Exit code of an internal error (sysexits.h EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

/** Quote an argument for a shell command line only where it needs it. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Print the one-line report for `error` (raised running `argv`); returns {@link EXIT_INTERNAL}. */
export function reportInternalError(
  error: unknown,
  argv: readonly string[],
  out: { write(s: string): unknown } = process.stderr,
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const firstLine = what.split('\n')[0]?.slice(0, 300) ?? '';
  const command = ['seqlab', ...argv.slice(2).map(shellQuote)].join(' ');
  out.write(
    `seqlab: internal error (${firstLine}). This is a bug in seqlab: please report it with ` +
      `the command \`${command}\` and the files it reads.` +
      (env['SEQLAB_DEBUG'] === '1' ? '\n' : ' (SEQLAB_DEBUG=1 shows the stack)\n'),
  );
  if (env['SEQLAB_DEBUG'] === '1') {
    out.write(`${error instanceof Error ? (error.stack ?? what) : what}\n`);
  }
  return EXIT_INTERNAL;
}
