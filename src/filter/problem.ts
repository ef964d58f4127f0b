/** A problem in a filter, with a 0-based half-open UTF-16 range [from, to) into the source. */
export type FilterProblem = { from: number; to: number; message: string };
