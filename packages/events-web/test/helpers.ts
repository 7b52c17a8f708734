import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventQuery, EventRecord, EventStorage, JsonObject } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import {
  createTimelineServer,
  type TimelineServer,
  type TimelineServerOptions,
} from "../src/index.js";
import { send } from "./http-client.js";
import { openStream } from "./sse-reader.js";

const servers: TimelineServer[] = [];
const closers: (() => unknown)[] = [];
const dirs: string[] = [];

/**
 * Closes the servers and stores a test started, then removes its folders.
 * Registered for every file by `test/setup.ts` (files share this module).
 */
export async function cleanUpAfterTest(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const close of closers.splice(0).reverse()) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Starts a server on a free port, closed after the test. Errors the store survives are kept in `errors`. */
export async function serve(
  storage: EventStorage,
  options: Omit<TimelineServerOptions, "storage"> = {},
): Promise<TimelineServer> {
  const server = await createTimelineServer({ port: 0, onError: () => {}, ...options, storage });
  servers.push(server);
  return server;
}

/** Runs `close` after the test, after the servers are closed (e.g. a store's `close`). */
export function later(close: () => unknown): void {
  closers.push(close);
}

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "phaser-web-"));
  dirs.push(dir);
  return dir;
}

const METHODS = [
  "appendEvent",
  "appendEvents",
  "getEvents",
  "clearEvents",
  "listAudits",
  "open",
  "cleanup",
  "close",
] as const;

/**
 * A store that delegates every call to `storage` and counts its `watch`
 * calls: how many were started, how many run now.
 */
export function countingWatches(storage: EventStorage): {
  storage: EventStorage;
  started: () => number;
  running: () => number;
  /** The most that ran at once so far. */
  peak: () => number;
} {
  let started = 0;
  let running = 0;
  let peak = 0;
  const wrapped: Record<string, unknown> = {};
  for (const name of METHODS) {
    const method = storage[name] as ((...args: unknown[]) => unknown) | undefined;
    if (method !== undefined) wrapped[name] = (...args: unknown[]) => method.apply(storage, args);
  }
  const watch = storage.watch?.bind(storage);
  if (watch === undefined) throw new Error("this store has no watch");
  const counted: EventStorage["watch"] = (listener, options) => {
    started += 1;
    running += 1;
    peak = Math.max(peak, running);
    const handle = watch(listener, options);
    let stopped = false;
    return {
      ready: handle.ready,
      stop: async () => {
        if (!stopped) {
          stopped = true;
          running -= 1;
        }
        await handle.stop();
      },
    };
  };
  wrapped.watch = counted;
  return {
    storage: wrapped as unknown as EventStorage,
    started: () => started,
    running: () => running,
    peak: () => peak,
  };
}

/** Records of one audit, in the order a run emits them. */
export function auditRecords(
  auditId: string,
  options: { project?: string; slug?: string; ended?: boolean; extra?: JsonObject } = {},
): EventRecord[] {
  const { project = "web", slug = "demo", ended = true, extra = {} } = options;
  const records = [
    makeRecord({
      type: "audit_started",
      audit_id: auditId,
      phase: null,
      data: { project, slug, phases_total: 1, ...extra },
    }),
    makeRecord({
      type: "phase_started",
      audit_id: auditId,
      phase: 1,
      data: { description: "one", file: "a.md" },
    }),
    makeRecord({
      type: "phase_completed",
      audit_id: auditId,
      phase: 1,
      data: { duration_seconds: 1, files_created: 0, files_modified: 1, verification_count: 0 },
    }),
  ];
  if (ended) {
    records.push(
      makeRecord({
        type: "audit_completed",
        audit_id: auditId,
        phase: null,
        data: {
          duration_seconds: 2,
          phases_completed: 1,
          phases_skipped: 0,
          files_created: 0,
          files_modified: 1,
          files_deleted: 0,
        },
      }),
    );
  }
  return records;
}

/** A phase-level record of `auditId`, a distinct one each call. */
export function phaseRecord(auditId: string, data: JsonObject = {}): EventRecord {
  return makeRecord({
    type: "phase_started",
    audit_id: auditId,
    phase: 1,
    data: { description: "step", file: "f.md", ...data },
  });
}

/**
 * `storage`, except that its first whole read (the server's load) runs
 * `during` around it: appends by another writer after the server's watch
 * started, before and after the snapshot is read.
 */
export function racingLoad(
  storage: EventStorage,
  during: { before: () => Promise<void>; after: () => Promise<void>; deliverFrom?: Promise<void> },
): EventStorage {
  let first = true;
  const watch = storage.watch as NonNullable<EventStorage["watch"]>;
  return {
    appendEvent: (record) => storage.appendEvent(record),
    appendEvents: (records) => storage.appendEvents(records),
    clearEvents: (options) => storage.clearEvents(options),
    // With `deliverFrom`, the watch delivers nothing before it resolves, as a store that
    // polls (PostgreSQL: every second) may not have before the load ends.
    watch: (listener, options) =>
      watch.call(
        storage,
        async (record, position) => {
          await during.deliverFrom;
          await listener(record, position);
        },
        options,
      ),
    async getEvents(query?: EventQuery): Promise<EventRecord[]> {
      if (!first || query !== undefined) return storage.getEvents(query);
      first = false;
      await during.before();
      const snapshot = await storage.getEvents();
      await during.after();
      return snapshot;
    },
  };
}

/**
 * Appends a marker record of `auditId` through `writer` and waits for the
 * server at `url` to stream it: its watch delivers in order, so it has
 * applied every record appended before.
 */
export async function appliedUpTo(
  url: string,
  writer: EventStorage,
  auditId: string,
): Promise<void> {
  const stream = await openStream(url);
  const marker = phaseRecord(auditId, { marker: true });
  await writer.appendEvent(marker);
  await stream.untilRecord(marker.id);
  stream.close();
}

/** The `eventCount` of `auditId`'s row in `GET /api/audits`. */
export async function eventCountOf(url: string, auditId: string): Promise<number | undefined> {
  const body = (await send(url, "/api/audits")).json<{
    audits: { auditId: string; eventCount: number }[];
  }>();
  return body.audits.find((a) => a.auditId === auditId)?.eventCount;
}
