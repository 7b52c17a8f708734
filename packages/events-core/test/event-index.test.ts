import { describe, expect, it } from "vitest";
import {
  EventIndex,
  type EventRecord,
  INVALID_QUERY,
  InvalidQueryError,
  isInvalidQueryError,
  matchesQuery,
  normalizeClearOptions,
  normalizeQuery,
  parseEventRecord,
  sortRecords,
} from "../src/index.js";
import { captureError, makeRecord, uuid } from "./helpers.js";

const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const at = (second: number) => `2025-12-05T10:00:0${second}.000Z`;

function record(n: number, auditId: string, second: number, type = "phase_started"): EventRecord {
  const audit = type.startsWith("audit_");
  return parseEventRecord(
    makeRecord({
      id: uuid(n),
      audit_id: auditId,
      timestamp: at(second),
      type,
      phase: audit ? null : 1,
      data: {},
    }),
    { allowUnknownType: true },
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
        limit: 10,
      }),
    ).toEqual({
      auditId: A,
      eventType: "file_created",
      since: Date.parse(at(2)) * 1000,
      until: Date.parse(at(5)) * 1000,
      limit: 10,
    });
    expect(normalizeQuery()).toEqual({
      auditId: undefined,
      eventType: undefined,
      since: undefined,
      until: undefined,
      limit: undefined,
    });
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
