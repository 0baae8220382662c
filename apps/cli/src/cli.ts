/** Placeholder until the commands land; replaced in the CLI commit. */
export async function runCli(_argv: readonly string[]): Promise<number> {
  return 0;
}
