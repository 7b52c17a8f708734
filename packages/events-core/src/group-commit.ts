/** Options of {@link groupCommit}. */
export interface GroupCommitOptions<T> {
  /**
   * The most a shared write carries, in the units of `sizeOf` (for example
   * bytes of JSON). Calls join a write only while the total stays within it;
   * a call larger on its own is written alone. Default: no limit.
   */
  readonly maxSize?: number | undefined;
  /** The size of one item. Needed with `maxSize`. */
  readonly sizeOf?: ((item: T) => number) | undefined;
}

interface Pending<T> {
  readonly items: readonly T[];
  readonly size: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Serialises writes in call order and lets calls share a write: those made in
 * the same turn of the event loop (`Promise.all` of several `emit`s: one
 * write), and those that arrive while a write is in flight (the next one).
 * 500 concurrent `emit`s cost a few writes, not 500, and are stored in the
 * order they were made. Calls that share a write succeed or fail together, so
 * a write never grows past `maxSize`: a call that would succeed alone is never
 * failed by its neighbours' size.
 */
export function groupCommit<T>(
  write: (items: readonly T[]) => Promise<void>,
  options: GroupCommitOptions<T> = {},
): (items: readonly T[]) => Promise<void> {
  const maxSize = options.maxSize ?? Number.POSITIVE_INFINITY;
  const sizeOf = options.sizeOf;
  if (!(maxSize > 0)) throw new RangeError(`maxSize must be more than 0 (got ${maxSize})`);
  if (maxSize !== Number.POSITIVE_INFINITY && sizeOf === undefined) {
    throw new TypeError("groupCommit: maxSize needs sizeOf");
  }
  const queue: Pending<T>[] = [];
  let draining = false;

  /** The next write: the oldest call, and those after it while the total fits. */
  const nextGroup = (): Pending<T>[] => {
    let total = (queue[0] as Pending<T>).size;
    let count = 1;
    while (count < queue.length && total + (queue[count] as Pending<T>).size <= maxSize) {
      total += (queue[count] as Pending<T>).size;
      count++;
    }
    return queue.splice(0, count);
  };

  const drain = async () => {
    while (queue.length > 0) {
      const group = nextGroup();
      try {
        await write(
          group.length === 1 ? (group[0] as Pending<T>).items : group.flatMap((p) => p.items),
        );
        for (const pending of group) pending.resolve();
      } catch (error) {
        for (const pending of group) pending.reject(error);
      }
    }
    draining = false;
  };

  return (items) =>
    new Promise<void>((resolve, reject) => {
      let size = 0;
      if (sizeOf !== undefined) for (const item of items) size += sizeOf(item);
      queue.push({ items, size, resolve, reject });
      if (draining) return;
      draining = true;
      // A microtask later: the calls made in this turn join the first write.
      queueMicrotask(() => void drain());
    });
}
