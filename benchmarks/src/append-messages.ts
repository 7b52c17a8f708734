import type { EventRecord } from "@phaser/events-core";

/** What J2 sends its writer process (append-child.ts): one record to append, or a request to collect garbage. */
export type AppendRequest = { readonly record: EventRecord } | { readonly gc: true };

/**
 * What the writer answers once the append resolved: `start` is
 * `process.hrtime.bigint()` (ns, as a string) taken just before the append;
 * `{ collected: true }` after a garbage collection.
 */
export type AppendReply =
  | { readonly start: string; readonly appendMs: number }
  | { readonly collected: true }
  | { readonly error: string };
