import { median } from "./stats.js";
import { collectGarbage } from "./util.js";

/** One contender of a round-robin measurement: `sample()` runs once and returns its time in ms. */
export interface Contender {
  readonly name: string;
  sample(): Promise<number>;
}

export interface RoundRobinOptions {
  /** Measured rounds (each contender runs once per round). */
  readonly samples: number;
  /** Unmeasured rounds first, to warm up the JIT and caches. Default 1. */
  readonly warmup?: number;
  /**
   * Collect garbage before every sample. Only for contenders that allocate
   * hundreds of MB (P5), whose garbage would otherwise be collected during the
   * next one. Off by default: a forced full GC shrinks the young generation, so
   * the sample right after it runs measurably slower than in steady state.
   */
  readonly gcEachSample?: boolean;
}

/**
 * Runs the contenders in turn, round after round, so drift in machine load
 * spreads over all of them instead of biasing one. Each round starts one
 * contender further on, so none is always first (or always after the same
 * one). Returns each contender's times (ms), by name.
 */
export async function roundRobin(
  contenders: readonly Contender[],
  options: RoundRobinOptions,
): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const warmup = options.warmup ?? 1;
  for (let round = 0; round < warmup + options.samples; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(round + k) % contenders.length] as Contender;
      if (options.gcEachSample === true) collectGarbage();
      const ms = await contender.sample();
      if (round >= warmup) times.get(contender.name)?.push(ms);
    }
  }
  return times;
}

/** The median of a contender's times. */
export function medianOf(times: Map<string, number[]>, name: string): number {
  return median(times.get(name) ?? []);
}
