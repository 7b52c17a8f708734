interface Pending<T> {
  readonly items: readonly T[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Serialises writes in call order and lets the calls that arrive while one
 * write is in flight share the next one: 500 concurrent `emit`s cost a few
 * transactions, not 500, and are stored in the order they were made. Calls
 * that share a write succeed or fail together.
 */
export function groupCommit<T>(
  write: (items: readonly T[]) => Promise<void>,
): (items: readonly T[]) => Promise<void> {
  const queue: Pending<T>[] = [];
  let draining = false;

  const drain = async () => {
    draining = true;
    while (queue.length > 0) {
      const group = queue.splice(0);
      try {
        await write(group.flatMap((pending) => pending.items));
        for (const pending of group) pending.resolve();
      } catch (error) {
        for (const pending of group) pending.reject(error);
      }
    }
    draining = false;
  };

  return (items) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ items, resolve, reject });
      if (!draining) void drain();
    });
}
