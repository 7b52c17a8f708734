import type { EventStorage } from "@phaser/events-core";
import type { StoreReadSlots } from "./store-read-slots.js";

/** One record and its position, as `/api/events` answers. */
export interface PositionedJson {
  readonly seq: number;
  readonly recordJson: string;
}

/**
 * How long a read of the store waits for records it expects (up to the
 * server's position) before it answers with what it has. Only records
 * removed meanwhile (a clear) make it wait that long; what it answers is
 * still exact, since `last` is the last record it read.
 */
export const READ_AFTER_DEADLINE_MS = 2000;

/**
 * Reads the stored records after `after` through a watch of its own
 * (`fromSeq`), at most `limit`, stopping once it reaches `target` (a position
 * the server's watch has delivered). The port has no "read after a position"
 * other than `watch`. It waits for a turn to read the store first; `left`
 * (the request gone) or the server's close ends it at once, and one that
 * ends while it waits reads nothing.
 */
export async function readAfter(
  storage: EventStorage,
  after: number,
  limit: number,
  target: number,
  context: {
    readonly onError: (error: Error) => void;
    readonly closing: AbortSignal;
    readonly storeReads: StoreReadSlots;
  },
  left: AbortSignal,
): Promise<PositionedJson[]> {
  const { onError, storeReads } = context;
  const watch = storage.watch;
  if (watch === undefined) return [];
  const closing = AbortSignal.any([context.closing, left]);
  const release = await storeReads.acquire(closing);
  if (release === undefined) return [];
  try {
    return await readWatched(storage, watch, { after, limit, target, onError, closing });
  } finally {
    release();
  }
}

/** What {@link readAfter} reads once it has its turn. */
interface WatchedRead {
  readonly after: number;
  readonly limit: number;
  readonly target: number;
  readonly onError: (error: Error) => void;
  readonly closing: AbortSignal;
}

async function readWatched(
  storage: EventStorage,
  watch: NonNullable<EventStorage["watch"]>,
  { after, limit, target, onError, closing }: WatchedRead,
): Promise<PositionedJson[]> {
  const found: PositionedJson[] = [];
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const handle = watch.call(
    storage,
    (record, { seq }) => {
      if (found.length >= limit) return;
      found.push({ seq, recordJson: JSON.stringify(record) });
      if (found.length >= limit || seq >= target) finish();
    },
    { fromSeq: after, onError },
  );
  const timer = setTimeout(finish, READ_AFTER_DEADLINE_MS);
  closing.addEventListener("abort", finish, { once: true });
  try {
    await finished;
  } finally {
    clearTimeout(timer);
    closing.removeEventListener("abort", finish);
    await handle.stop();
  }
  return found;
}
