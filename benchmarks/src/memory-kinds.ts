/** What P6 compares, each in its own child process (see memory-child.ts). */
export const MEMORY_KINDS = ["ours", "json-parse-sync", "json-parse", "lowdb"] as const;
export type MemoryKind = (typeof MEMORY_KINDS)[number];

/** What one child reports, in bytes. */
export interface MemorySample {
  /** RSS after start-up, imports and GC, before the file is touched. */
  readonly baseline: number;
  /** Peak RSS of the process (maxRSS), after opening and querying. */
  readonly peak: number;
  /** Live heap (V8 heap used + external) above the baseline's, after a GC, with the store alive. */
  readonly live: number;
  /** Events the query found: proof the work was done. */
  readonly found: number;
}

export function isMemoryKind(value: string | undefined): value is MemoryKind {
  return MEMORY_KINDS.includes(value as MemoryKind);
}
