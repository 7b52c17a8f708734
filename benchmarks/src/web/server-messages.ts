/** What the parent asks the W3 server process (web-server-child.ts): a memory sample. */
export interface ServerRequest {
  readonly sample: true;
}

/** The server process's messages: its URL once it listens, then one answer per sample. */
export type ServerMessage =
  | { readonly url: string }
  | { readonly sample: ServerSample }
  | { readonly error: string };

/** One sample, taken right after a full garbage collection. */
export interface ServerSample {
  /** V8's used heap plus memory held outside it (buffers), bytes. */
  readonly liveHeap: number;
  readonly rss: number;
  /** `storage.watch` calls so far, and watches not yet stopped. */
  readonly watchesStarted: number;
  readonly watchesActive: number;
  /** HTTP connections open: the browsers' streams and requests. */
  readonly connections: number;
}
