import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INVALID_QUERY } from "../src/errors/invalid-query-error.js";
import {
  type EventRecord,
  InvalidQueryError,
  isInvalidQueryError,
  type ListAuditsOptions,
} from "../src/index.js";
import {
  checkRecord,
  EventIndex,
  matchesQuery,
  normalizeClearOptions,
  normalizeQuery,
  normalizeRetention,
  sortRecords,
} from "../src/store-kit.js";
import { captureError, makeRecord, uuid } from "./helpers.js";

const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const at = (second: number) => `2025-12-05T10:00:0${second}.000Z`;

function record(
  n: number,
  auditId: string,
  second: number,
  type = "phase_started",
  data: Record<string, unknown> = {},
): EventRecord {
  const audit = type.startsWith("audit_");
  return checkRecord(
    makeRecord({
      id: uuid(n),
      audit_id: auditId,
      timestamp: at(second),
      type,
      phase: audit ? null : 1,
      data,
    }),
    "append",
  );
}

/** Inserted out of timestamp order, with ties at second 2 and 3. */
const RECORDS = [
  record(1, A, 3, "audit_completed"),
  record(2, A, 1, "audit_started"),
  record(3, B, 2, "audit_started"),
  record(4, A, 2),
  record(5, B, 3),
  record(6, A, 2, "file_created"),
  record(7, A, 3),
  record(8, B, 4, "phase_paused"),
];

function ids(records: readonly EventRecord[]): number[] {
  return records.map((r) => Number.parseInt(r.id.slice(-12), 16));
}

function makeIndex(): EventIndex {
  const index = new EventIndex();
  index.insert(RECORDS.slice(0, 4));
  index.insert(RECORDS.slice(4));
  return index;
}

describe("sortRecords", () => {
  it("sorts by timestamp and keeps the given order for ties", () => {
    expect(ids(sortRecords([...RECORDS]))).toEqual([2, 3, 4, 6, 1, 5, 7, 8]);
  });
});

describe("matchesQuery", () => {
  it("applies every filter but limit: since inclusive, until exclusive", () => {
    const matching = (query: Parameters<typeof normalizeQuery>[0]) =>
      ids(RECORDS.filter((r) => matchesQuery(r, normalizeQuery(query))));
    expect(matching({ since: at(2), until: at(3) })).toEqual([3, 4, 6]);
    expect(matching({ auditId: B, eventType: "phase_started" })).toEqual([5]);
    expect(matching({ limit: 1 })).toHaveLength(RECORDS.length);
  });
});

describe("EventIndex", () => {
  it("holds every record in timestamp order, ties in insertion order", () => {
    const index = makeIndex();
    expect(index.size).toBe(8);
    expect(ids(index.records())).toEqual([2, 3, 4, 6, 1, 5, 7, 8]);
    expect(ids(index.query())).toEqual([2, 3, 4, 6, 1, 5, 7, 8]);
  });

  it("filters by auditId", () => {
    expect(ids(makeIndex().query({ auditId: A }))).toEqual([2, 4, 6, 1, 7]);
    expect(ids(makeIndex().query({ auditId: B }))).toEqual([3, 5, 8]);
    expect(makeIndex().query({ auditId: "nobody" })).toEqual([]);
  });

  it("filters by eventType, unknown types included", () => {
    expect(ids(makeIndex().query({ eventType: "audit_started" }))).toEqual([2, 3]);
    expect(ids(makeIndex().query({ eventType: "phase_paused" }))).toEqual([8]);
  });

  it.each([
    ["a Date", new Date(at(2))],
    ["an ISO string", at(2)],
    ["an ISO string with an offset", "2025-12-05T12:00:02+02:00"],
  ])("since (%s) is inclusive", (_name, since) => {
    expect(ids(makeIndex().query({ since }))).toEqual([3, 4, 6, 1, 5, 7, 8]);
  });

  it.each([
    ["a Date", new Date(at(3))],
    ["an ISO string", at(3)],
  ])("until (%s) is exclusive", (_name, until) => {
    expect(ids(makeIndex().query({ until }))).toEqual([2, 3, 4, 6]);
  });

  it("limit keeps the earliest matches", () => {
    expect(ids(makeIndex().query({ limit: 3 }))).toEqual([2, 3, 4]);
    expect(makeIndex().query({ limit: 0 })).toEqual([]);
    expect(ids(makeIndex().query({ eventType: "phase_started", limit: 2 }))).toEqual([4, 5]);
  });

  it("combines every filter with AND", () => {
    const query = { auditId: A, eventType: "phase_started", since: at(2), until: new Date(at(4)) };
    expect(ids(makeIndex().query(query))).toEqual([4, 7]);
    expect(ids(makeIndex().query({ ...query, limit: 1 }))).toEqual([4]);
    expect(makeIndex().query({ since: at(3), until: at(2) })).toEqual([]);
  });

  it("removeBefore removes strictly earlier records, everywhere, and returns them", () => {
    const index = makeIndex();
    const removed = index.removeBefore(normalizeClearOptions({ before: new Date(at(3)) }));
    expect(ids(removed)).toEqual([2, 3, 4, 6]);
    expect(index.size).toBe(4);
    expect(ids(index.query({ auditId: A }))).toEqual([1, 7]);
    expect(ids(index.query({ auditId: B }))).toEqual([5, 8]);
  });

  it("removeBefore(undefined) removes everything", () => {
    const index = makeIndex();
    expect(index.removeBefore(undefined)).toHaveLength(8);
    expect(index.size).toBe(0);
    expect(index.query({ auditId: A })).toEqual([]);
  });

  it("remove takes out exactly the given records", () => {
    const index = makeIndex();
    index.remove(new Set([RECORDS[3] as EventRecord, RECORDS[4] as EventRecord]));
    expect(ids(index.records())).toEqual([2, 3, 6, 1, 7, 8]);
    expect(ids(index.query({ auditId: A }))).toEqual([2, 6, 1, 7]);
    expect(ids(index.query({ auditId: B }))).toEqual([3, 8]);
  });

  it("rejects a bad query with InvalidQueryError", () => {
    expect(() => makeIndex().query({ limit: -1 })).toThrow(InvalidQueryError);
  });
});

describe("normalizeQuery", () => {
  it("turns dates into instant keys (microseconds since the epoch)", () => {
    expect(
      normalizeQuery({
        auditId: A,
        eventType: "file_created",
        since: "2025-12-05T12:00:02+02:00",
        until: new Date(at(5)),
        order: "desc",
        limit: 10,
      }),
    ).toEqual({
      auditId: A,
      eventType: "file_created",
      since: Date.parse(at(2)) * 1000,
      until: Date.parse(at(5)) * 1000,
      descending: true,
      limit: 10,
    });
    expect(normalizeQuery()).toEqual({
      auditId: undefined,
      eventType: undefined,
      since: undefined,
      until: undefined,
      descending: false,
      limit: undefined,
    });
    expect(normalizeQuery({ order: "asc" }).descending).toBe(false);
  });

  it.each([
    ["since", { since: "not a date" }],
    ["since", { since: new Date(Number.NaN) }],
    ["until", { until: "2025-02-30T99:00:00Z" }],
    ["limit", { limit: -1 }],
    ["limit", { limit: 1.5 }],
    ["limit", { limit: Number.NaN }],
    ["auditId", { auditId: "" }],
    ["eventType", { eventType: "" }],
    ["order", { order: "sideways" as "asc" }],
  ])("rejects a bad %s with InvalidQueryError", (field, query) => {
    const error = captureError(() => normalizeQuery(query));
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect(isInvalidQueryError(error)).toBe(true);
    expect(error).toMatchObject({ code: INVALID_QUERY, field, name: "InvalidQueryError" });
    expect(INVALID_QUERY).toBe("INVALID_QUERY");
  });

  it("normalizeClearOptions rejects a bad before and allows none", () => {
    expect(normalizeClearOptions()).toBeUndefined();
    expect(captureError(() => normalizeClearOptions({ before: "yesterday" }))).toMatchObject({
      field: "before",
    });
  });
});

describe("EventIndex, latest first (order: desc)", () => {
  it("is the exact reverse of timestamp order, ties included", () => {
    expect(ids(makeIndex().query({ order: "desc" }))).toEqual([8, 7, 5, 1, 6, 4, 3, 2]);
    expect(ids(makeIndex().query({ auditId: A, order: "desc" }))).toEqual([7, 1, 6, 4, 2]);
  });

  it("limit keeps the latest matches", () => {
    expect(ids(makeIndex().query({ order: "desc", limit: 3 }))).toEqual([8, 7, 5]);
    expect(makeIndex().query({ order: "desc", limit: 0 })).toEqual([]);
    expect(ids(makeIndex().query({ order: "desc", limit: 99 }))).toHaveLength(8);
  });

  it("filters by type, since and until like ascending order", () => {
    const index = makeIndex();
    expect(ids(index.query({ eventType: "phase_started", order: "desc" }))).toEqual([7, 5, 4]);
    expect(ids(index.query({ eventType: "phase_started", order: "desc", limit: 2 }))).toEqual([
      7, 5,
    ]);
    expect(ids(index.query({ since: at(2), order: "desc", limit: 2 }))).toEqual([8, 7]);
    expect(ids(index.query({ until: at(3), order: "desc" }))).toEqual([6, 4, 3, 2]);
    expect(ids(index.query({ until: at(3), order: "desc", limit: 2 }))).toEqual([6, 4]);
    const query = { auditId: A, eventType: "phase_started", since: at(2), until: at(4) };
    expect(ids(index.query({ ...query, order: "desc" }))).toEqual([7, 4]);
    expect(ids(index.query({ ...query, order: "desc", limit: 1 }))).toEqual([7]);
    expect(index.query({ since: at(3), until: at(2), order: "desc" })).toEqual([]);
  });

  it("any query: desc is the reverse of asc, then the limit (property)", () => {
    const index = makeIndex();
    const query = fc.record(
      {
        auditId: fc.constantFrom(A, B, "nobody"),
        eventType: fc.constantFrom("phase_started", "audit_started", "phase_paused", "x"),
        since: fc.integer({ min: 0, max: 5 }).map(at),
        until: fc.integer({ min: 0, max: 5 }).map(at),
        limit: fc.nat(9),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(query, ({ limit, ...filters }) => {
        const ascending = index.query(filters);
        const expected = ascending.reverse().slice(0, limit ?? ascending.length);
        expect(index.query({ ...filters, limit, order: "desc" })).toEqual(expected);
        expect(index.select(normalizeQuery({ ...filters, limit, order: "desc" }))).toEqual(
          expected,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("EventIndex.audits", () => {
  it("sums up each audit, newest first (by earliest event)", () => {
    expect(makeIndex().audits()).toEqual([
      {
        auditId: B,
        firstTimestamp: at(2),
        lastTimestamp: at(4),
        eventCount: 3,
        project: null,
        slug: null,
        outcome: null,
      },
      {
        auditId: A,
        firstTimestamp: at(1),
        lastTimestamp: at(3),
        eventCount: 5,
        project: null,
        slug: null,
        outcome: "completed",
      },
    ]);
    expect(new EventIndex().audits()).toEqual([]);
  });

  it("takes project and slug from the earliest audit_started, when present", () => {
    const index = new EventIndex();
    index.insert([
      record(1, A, 5, "audit_started", { project: "later", slug: "s2" }),
      record(2, A, 4, "audit_started", { project: "first", slug: "s1" }),
      record(3, A, 4, "audit_started", { project: "tie, inserted later", slug: "s3" }),
      record(4, B, 1, "audit_started", { phases_total: 2 }), // written without project or slug
    ]);
    const [a, b] = index.audits();
    expect(a).toMatchObject({ auditId: A, project: "first", slug: "s1", eventCount: 3 });
    expect(b).toMatchObject({ auditId: B, project: null, slug: null });
  });

  it("outcome is the latest audit_completed or audit_abandoned", () => {
    const index = new EventIndex();
    const abandoned = record(1, A, 3, "audit_abandoned");
    index.insert([abandoned, record(2, A, 2, "audit_completed"), record(3, A, 1)]);
    expect(index.audits()[0]?.outcome).toBe("abandoned");
    const completedLater = record(4, A, 3, "audit_completed");
    index.insert([completedLater]); // a tie: the later-inserted wins
    expect(index.audits()[0]?.outcome).toBe("completed");
    index.remove(new Set([completedLater]));
    expect(index.audits()[0]?.outcome).toBe("abandoned");
    index.remove(new Set([abandoned]));
    expect(index.audits()[0]?.outcome).toBe("completed");
  });

  it("ties on the earliest event: the audit seen later comes first", () => {
    const C = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
    const index = new EventIndex();
    index.insert([record(1, A, 2), record(2, B, 2), record(3, C, 1)]);
    index.insert([record(4, A, 1)]); // A now starts earlier than B
    expect(index.audits().map((s) => s.auditId)).toEqual([B, C, A]);
    index.insert([record(5, C, 2)]);
    expect(index.audits().map((s) => s.auditId)).toEqual([B, C, A]);
    const tie = new EventIndex();
    tie.insert([record(1, A, 2), record(2, B, 2), record(3, C, 2)]);
    expect(tie.audits().map((s) => s.auditId)).toEqual([C, B, A]);
  });

  it("prefix and limit", () => {
    const index = new EventIndex();
    index.insert([record(1, "run-1", 1), record(2, "run-2", 2), record(3, "other", 3)]);
    index.insert([record(4, "Run-3", 4), record(5, "run-4", 5)]);
    expect(index.audits({ prefix: "run-" }).map((s) => s.auditId)).toEqual([
      "run-4",
      "run-2",
      "run-1",
    ]);
    expect(index.audits({ prefix: "run-", limit: 2 }).map((s) => s.auditId)).toEqual([
      "run-4",
      "run-2",
    ]);
    expect(index.audits({ limit: 1 }).map((s) => s.auditId)).toEqual(["run-4"]);
    expect(index.audits({ limit: 0 })).toEqual([]);
    expect(index.audits({ prefix: "" })).toHaveLength(5);
    expect(index.audits({ prefix: "nothing" })).toEqual([]);
  });

  it.each([
    ["limit", { limit: -1 }],
    ["limit", { limit: 1.5 }],
    ["prefix", { prefix: 3 }],
    ["(root)", null],
  ])("rejects a bad %s with InvalidQueryError", (field, options: unknown) => {
    const error = captureError(() => makeIndex().audits(options as ListAuditsOptions));
    expect(isInvalidQueryError(error)).toBe(true);
    expect(error).toMatchObject({ field });
  });

  it("follows removeBefore: summaries shrink, empty audits go", () => {
    const index = makeIndex();
    index.removeBefore(normalizeClearOptions({ before: at(3) }));
    // both now start at(3): B, seen after A, comes first
    expect(index.audits()).toEqual([
      expect.objectContaining({ auditId: B, firstTimestamp: at(3), eventCount: 2 }),
      expect.objectContaining({ auditId: A, firstTimestamp: at(3), eventCount: 2 }),
    ]);
    index.removeBefore(normalizeClearOptions({ before: at(4) }));
    expect(index.audits()).toEqual([
      expect.objectContaining({ auditId: B, firstTimestamp: at(4), lastTimestamp: at(4) }),
    ]);
    index.removeBefore(undefined);
    expect(index.audits()).toEqual([]);
  });

  it("follows removeBefore: the earliest audit_started goes with its record", () => {
    const index = new EventIndex();
    index.insert([
      record(1, A, 1, "audit_started", { project: "one" }),
      record(2, A, 2, "audit_started", { project: "two" }),
      record(3, A, 3, "audit_completed"),
    ]);
    expect(index.audits()[0]?.project).toBe("one");
    index.removeBefore(normalizeClearOptions({ before: at(2) }));
    expect(index.audits()[0]).toMatchObject({ project: "two", outcome: "completed" });
    index.removeBefore(normalizeClearOptions({ before: at(3) }));
    expect(index.audits()[0]).toMatchObject({ project: null, outcome: "completed" });
  });

  it("follows remove and expire", () => {
    const index = makeIndex();
    index.remove(new Set(RECORDS.filter((r) => r.audit_id === B)));
    expect(index.audits().map((s) => s.auditId)).toEqual([A]);
    expect(index.audits()[0]?.eventCount).toBe(5);
    const expired = index.expire(
      normalizeRetention({ maxEvents: 2, retentionDays: 0 }),
      new Date(at(9)),
    );
    expect(ids(expired)).toEqual([2, 4, 6]);
    expect(index.audits()).toEqual([
      expect.objectContaining({ auditId: A, firstTimestamp: at(3), eventCount: 2 }),
    ]);
  });
});

describe("EventIndex.expire", () => {
  const DAY = 86_400_000;

  it("takes out the records older than the window, oldest first, everywhere", () => {
    const index = makeIndex();
    const now = new Date(Date.parse(at(3)) + DAY);
    const policy = normalizeRetention({ maxEvents: 0, retentionDays: 1 });
    expect(ids(index.expire(policy, now))).toEqual([2, 3, 4, 6]);
    expect(ids(index.records())).toEqual([1, 5, 7, 8]);
    expect(ids(index.query({ auditId: A }))).toEqual([1, 7]);
    expect(ids(index.query({ auditId: B, order: "desc" }))).toEqual([8, 5]);
    expect(index.expire(policy, now)).toEqual([]);
  });

  it("then the oldest beyond the cap", () => {
    const index = makeIndex();
    const now = new Date(Date.parse(at(2)) + DAY);
    const policy = normalizeRetention({ maxEvents: 3, retentionDays: 1 });
    // at(1) is older than a day; of the 7 left, the 4 oldest are over the cap of 3
    expect(ids(index.expire(policy, now))).toEqual([2, 3, 4, 6, 1]);
    expect(ids(index.records())).toEqual([5, 7, 8]);
    expect(index.size).toBe(3);
  });

  it("removes nothing when the policy keeps everything", () => {
    const index = makeIndex();
    const policy = normalizeRetention({ maxEvents: 0, retentionDays: 0 });
    expect(index.expire(policy, new Date("2999-01-01T00:00:00.000Z"))).toEqual([]);
    expect(index.size).toBe(8);
    expect(index.expire(normalizeRetention({ maxEvents: 8 }), new Date(at(9)))).toEqual([]);
  });
});
