/**
 * Positions (`seq`) of the file's records. The root field `seq_runs` lists
 * `[start, count]` pairs: the next `count` elements of `events` have the
 * positions `start`, `start + 1`, …; elements after every run continue from
 * the position before them + 1. Without the field the positions are 1, 2, 3…
 * A rewrite that removes records writes the field so the survivors keep
 * theirs; an append in place never needs to change it.
 */
export type SeqRun = readonly [start: number, count: number];

/** The root field's name. */
export const SEQ_RUNS = "seq_runs";

/** Checks a parsed `seq_runs` value; returns a reason when it is not one. */
export function checkSeqRuns(value: unknown): string | undefined {
  if (!Array.isArray(value)) return `"${SEQ_RUNS}" must be an array of [start, count] pairs`;
  let next = 1;
  for (const run of value) {
    const ok =
      Array.isArray(run) &&
      run.length === 2 &&
      Number.isSafeInteger(run[0]) &&
      Number.isSafeInteger(run[1]) &&
      run[0] >= next &&
      run[1] >= 0;
    if (!ok)
      return `"${SEQ_RUNS}" holds ${JSON.stringify(run)}, not an increasing [start, count] pair`;
    next = run[0] + run[1];
  }
  return undefined;
}

/**
 * Gives each of `count` elements its position: calls `assign(index, seq)` in
 * order and returns the position the next appended element gets.
 */
export function assignSeqs(
  runs: readonly SeqRun[] | undefined,
  count: number,
  assign: (index: number, seq: number) => void,
): number {
  let index = 0;
  let next = 1;
  for (const [start, length] of runs ?? []) {
    next = start;
    for (let k = 0; k < length && index < count; k++) assign(index++, next++);
    next = Math.max(next, start + length);
  }
  while (index < count) assign(index++, next++);
  return next;
}

/**
 * The runs that give `seqs` (strictly increasing) their positions, with the
 * next position `next`; `undefined` when the plain 1, 2, 3… numbering does.
 */
export function runsOf(seqs: readonly number[], next: number): SeqRun[] | undefined {
  const runs: [number, number][] = [];
  let expected = 1;
  for (const seq of seqs) {
    const last = runs.at(-1);
    if (last !== undefined && seq === expected) last[1]++;
    else runs.push([seq, 1]);
    expected = seq + 1;
  }
  if (next !== expected) runs.push([next, 0]);
  if (runs.length === 0 || (runs.length === 1 && runs[0]?.[0] === 1)) return undefined;
  return runs;
}
