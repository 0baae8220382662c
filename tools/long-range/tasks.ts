/** The long-range tasks' settings, shared by make-data.ts and table.ts. */

/** Sequence lengths (adding) and copy delays, T. */
export const LENGTHS = [10, 50, 100] as const;
/** Symbols the copy task asks the model to remember (alphabet of 8; Arjovsky et al. use 10). */
export const COPY_SYMBOLS = 5;
/** Examples per split and the generator seed. */
export const SIZES = { train: 10000, valid: 200, test: 200, seed: 1 } as const;
