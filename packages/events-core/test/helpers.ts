import fc from "fast-check";
import { type Mock, vi } from "vitest";
import {
  type EventEmitter,
  type EventPayloadMap,
  type EventRecord,
  type EventStorage,
  type EventType,
  isPhaseLevelEventType,
  PAYLOAD_FIELDS,
} from "../src/index.js";
import type { FieldKind } from "../src/payload-fields.js";
import {
  matchesQuery,
  normalizeClearOptions,
  normalizeQuery,
  strictTimestampKey,
} from "../src/store-kit.js";

/** A promise with its resolve and reject functions, to settle it by hand. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run: waits for one macrotask (an event-loop turn). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `fc.assert` for long runs: the runs go in chunks of `chunk`, each with its
 * own seed (the first keeps `params.examples`), and the event loop gets a turn
 * between chunks. A property that ran 10,000 times in one go starved vitest's
 * worker, whose messages to the main process then timed out ("Timeout calling
 * onTaskUpdate") when every package's tests ran at once.
 */
export async function assertInChunks<Ts>(
  property: fc.IRawProperty<Ts>,
  params: fc.Parameters<Ts> & { readonly numRuns: number },
  chunk = 500,
): Promise<void> {
  const seed = params.seed ?? Math.floor(Math.random() * 2 ** 31);
  for (let done = 0, i = 0; done < params.numRuns; done += chunk, i++) {
    const numRuns = Math.min(chunk, params.numRuns - done);
    const examples = i === 0 ? (params.examples ?? []) : [];
    await fc.assert(property, { ...params, numRuns, seed: seed + i, examples });
    await nextTurn();
  }
}

/**
 * A minimal {@link EventStorage}: an array in append order. `getEvents` filters
 * but does not sort (`order: "desc"` only reverses append order), so tests can
 * check that callers sort. `appendEvent` and
 * `getEvents` are spies; pass `append` to control when (and whether) an append settles.
 */
export interface FakeStorage extends EventStorage {
  readonly records: EventRecord[];
  readonly appendEvent: Mock<(record: EventRecord) => Promise<void>>;
  readonly getEvents: Mock<EventStorage["getEvents"]>;
}

export interface FakeStorageOptions {
  /** Runs instead of the default append; the record is stored only if it resolves. */
  readonly append?: (record: EventRecord) => Promise<void>;
  /** Records already in the store, in append order. */
  readonly records?: readonly EventRecord[];
}

export function createFakeStorage(options: FakeStorageOptions = {}): FakeStorage {
  const records: EventRecord[] = [...(options.records ?? [])];
  return {
    records,
    appendEvent: vi.fn(async (record: EventRecord) => {
      if (options.append !== undefined) await options.append(record);
      records.push(record);
    }),
    async appendEvents(batch) {
      records.push(...batch);
    },
    getEvents: vi.fn(async (query = {}) => {
      const q = normalizeQuery(query);
      const out = records.filter((record) => matchesQuery(record, q));
      if (q.descending) out.reverse();
      return q.limit === undefined ? out : out.slice(0, q.limit);
    }),
    async clearEvents(clear = {}) {
      const before = normalizeClearOptions(clear);
      const kept = records.filter(
        (r) => before !== undefined && strictTimestampKey(r.timestamp) >= before,
      );
      const removed = records.length - kept.length;
      records.splice(0, records.length, ...kept);
      return removed;
    },
  };
}

/** `n` as the last group of a valid lowercase UUID v4. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

export const AUDIT_ID = "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f8a9b0c";

/** A valid wire record; override any field. */
export function makeRecord(overrides: Record<string, unknown> = {}): EventRecord {
  return {
    id: uuid(1),
    type: "phase_started",
    timestamp: "2025-12-05T10:15:30.123Z",
    audit_id: AUDIT_ID,
    phase: 3,
    data: { description: "Event Specification", file: ".audit/phases/03-events-spec.md" },
    ...overrides,
  } as EventRecord;
}

/** Calls `emit` with arguments its types would refuse, as a JavaScript caller could. */
export function emitUnchecked(
  emitter: EventEmitter,
  type: string,
  auditId: unknown,
  options: { readonly phase?: unknown; readonly data?: unknown } = {},
) {
  // `EventType` (not a literal) takes any options: the run-time check does the rest.
  return emitter.emit(
    type as EventType,
    auditId as string,
    options as { data?: Record<string, unknown> },
  );
}

/** A value of each kind, as simple as the kind allows (what `validData` fills fields with). */
const SAMPLE: Record<Exclude<FieldKind, readonly string[]>, unknown> = {
  text: "text",
  path: "src/a.ts",
  count: 3,
  seconds: 1.5,
  attempts: 2,
  exit_zero: 0,
  exit_nonzero: 1,
  output: "output",
};

/** A value of `kind`: the first allowed string for an enumerated field. */
export function sampleOf(kind: FieldKind): unknown {
  return typeof kind === "string" ? SAMPLE[kind] : kind[0];
}

/**
 * A complete payload of `type`, made from `PAYLOAD_FIELDS`: every required
 * field (and, with `optional`, every optional one), each of its kind. Fields
 * in `overrides` replace or add to it.
 */
export function validData<T extends EventType>(
  type: T,
  overrides: Readonly<Record<string, unknown>> = {},
  optional = false,
): EventPayloadMap[T] {
  const data: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(PAYLOAD_FIELDS[type])) {
    if (rule.required || optional) data[name] = sampleOf(rule.kind);
  }
  return { ...data, ...overrides } as EventPayloadMap[T];
}

/** The options `emit` needs for `type`: a phase when it is phase-level, and a complete payload. */
export function validOptions<T extends EventType>(
  type: T,
  overrides: Readonly<Record<string, unknown>> = {},
): { phase: number | null; data: EventPayloadMap[T] } {
  return { phase: isPhaseLevelEventType(type) ? 1 : null, data: validData(type, overrides) };
}

/** A clock that returns the given instants in turn (the last one forever after). */
export function steppingClock(...instants: readonly string[]): () => Date {
  let i = 0;
  return () => new Date(instants[Math.min(i++, instants.length - 1)] as string);
}

/** What `fn` throws; fails the test if it does not throw. */
export function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}
