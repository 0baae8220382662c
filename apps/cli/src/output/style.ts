/** Terminal colours: on for a TTY, off for pipes and when NO_COLOR is set. */
import pc from 'picocolors';
import { plainStyle, type RenderStyle } from '@seqlab/diagnostics';

/** Whether stdout should get colours. */
export function useColour(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env['NO_COLOR'];
}

/** The diagnostic style for `stream`. */
export function diagnosticStyle(stream: NodeJS.WriteStream = process.stdout): RenderStyle {
  if (!useColour(stream)) return plainStyle;
  const c = pc.createColors(true);
  return {
    error: (s) => c.bold(c.red(s)),
    warning: (s) => c.bold(c.yellow(s)),
    note: (s) => c.bold(c.cyan(s)),
    location: (s) => c.cyan(s),
    underline: (s) => c.red(s),
    dim: (s) => c.dim(s),
  };
}
