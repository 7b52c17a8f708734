import type { EventRecord } from "@phaser/events-core";

/** What the parent sends the web writer process (web-writer-child.ts): records to append in one call. */
export interface WriterRequest {
  readonly records: readonly EventRecord[];
}

/**
 * Its answer once the append resolved: wall-clock instants in ms
 * (`performance.timeOrigin + performance.now()`, the clock a page's arrival
 * time is read on) just before the append and once it resolved.
 */
export type WriterReply =
  | { readonly startMs: number; readonly endMs: number }
  | { readonly error: string };
