import type { EventRecord } from "@phaser/events-core";
import { makeRecord } from "@phaser/events-storage-testkit";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESCAPE_MARK, type PostgresStorage } from "../src/index.js";
import { decodeJson, decodeText, encodeJson, encodeText } from "../src/text-encoding.js";
import { freshDatabase, freshStorage, noServer } from "./helpers.js";

/** Strings jsonb refuses, and strings that look like the store's escape of them. */
const AWKWARD = [
  "before\0after",
  "\0",
  "\uD800",
  "lone low \uDC00 here",
  "pair \uD83D\uDE00 kept",
  "high at the end \uD83D",
  `${ESCAPE_MARK}before%00after`,
  ESCAPE_MARK,
  `${ESCAPE_MARK}%`,
  `${ESCAPE_MARK}%uD800`,
  "%00 and %25 and %uD800 without the mark",
  "\u0001esc",
  "",
];

function awkwardRecords(): EventRecord[] {
  return [
    makeRecord({
      type: "verification_failed",
      data: { command: "make\0test", exit_code: 1, duration_ms: 5, output: "before\0after" },
    }),
    makeRecord({
      type: "verification_failed",
      data: { command: "npm test", exit_code: 2, duration_ms: 7, output: "\uD800 lone" },
    }),
    makeRecord({
      data: {
        description: "keys and nested values",
        ...Object.fromEntries(AWKWARD.map((text, n) => [text, { n, text, list: [text, n] }])),
      },
    }),
    // Unknown top-level fields (a newer writer), with awkward keys and values.
    makeRecord({
      "x_note\0": "top\0level",
      x_surrogate: ["\uDBFF", { "\uDC00": ESCAPE_MARK }],
      [`${ESCAPE_MARK}x`]: `${ESCAPE_MARK}x`,
      ["__proto__"]: { polluted: "\0" },
    }),
    // An unknown type, and an audit id, that need escaping: stored escaped, filtered as stored.
    makeRecord({ type: "custom_\0type", audit_id: "audit\0\uD800", phase: null }),
    makeRecord({ audit_id: `${ESCAPE_MARK}audit` }),
  ];
}

/** Any UTF-16 code units, with the characters the encoding treats specially made common. */
const awkwardText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
      fc.constantFrom("\0", "\uD800", "\uDFFF", "%", "%00", "%25", "%uD800", ESCAPE_MARK, "a"),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

/** JSON values whose keys and strings are awkward text. */
const awkwardJson = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    awkwardText,
    fc.integer(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(awkwardText, tie("value"), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

describe("the text encoding", () => {
  it("round-trips every string, and leaves strings jsonb can hold and that lack the mark as they are", () => {
    fc.assert(
      fc.property(awkwardText, (text) => {
        const stored = encodeText(text);
        expect(decodeText(stored)).toBe(text);
        expect(stored.includes("\0")).toBe(false);
        expect(/[\uD800-\uDFFF]/.test(stored.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""))).toBe(
          false,
        );
        if (stored !== text) expect(stored.startsWith(ESCAPE_MARK)).toBe(true);
      }),
    );
    for (const text of ["audit-1", "phase_started", "%00", "🙂", "\u0001", ""]) {
      expect(encodeText(text)).toBe(text);
    }
    expect(encodeText("a\0b")).toBe(`${ESCAPE_MARK}a%00b`);
  });

  it("round-trips any JSON value, keys included, copying only what changes", () => {
    fc.assert(
      fc.property(awkwardJson, (value) => {
        expect(decodeJson(encodeJson(value))).toStrictEqual(value);
      }),
    );
    const plain = { a: ["b", { c: 1 }] };
    expect(encodeJson(plain)).toBe(plain);
    expect(decodeJson(plain)).toBe(plain);
  });

  it("refuses a marked string no encoder wrote", () => {
    expect(() => decodeText(`${ESCAPE_MARK}100%`)).toThrow(/bare "%"/);
  });
});

describe.skipIf(noServer)("PostgresStorage with text jsonb cannot hold", () => {
  let url = "";
  let admin: pg.Pool;
  const stores: PostgresStorage[] = [];
  beforeAll(async () => {
    url = await freshDatabase("text");
    admin = new pg.Pool({ connectionString: url });
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await admin.end();
  });

  it("stores NUL, lone surrogates and look-alikes of its escape, and reads back exactly what was appended", async () => {
    const storage = freshStorage(url, 100);
    stores.push(storage);
    await storage.migrate();
    const records = awkwardRecords();
    const watched: EventRecord[] = [];
    let delivered: () => void = () => undefined;
    const allWatched = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    const watching = storage.watch(
      (record) => {
        watched.push(record);
        if (watched.length === records.length) delivered();
      },
      { fromSeq: 0 },
    );
    await storage.appendEvents(records.slice(0, 3));
    for (const record of records.slice(3)) await storage.appendEvent(record);

    expect(await storage.getEvents()).toStrictEqual(records);
    await allWatched;
    await watching.stop();
    expect(watched).toStrictEqual(records);
    // The own-field "__proto__" stayed a field: no prototype was replaced.
    const withProto = (await storage.getEvents()).find((r) => r.id === records[3]?.id);
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);

    for (const record of records) {
      expect(await storage.getEvents({ auditId: record.audit_id, eventType: record.type })).toEqual(
        records.filter((r) => r.audit_id === record.audit_id && r.type === record.type),
      );
    }
  });

  it("keeps ordinary ids as they are in the table, so SQL on audit_id and type still works", async () => {
    const storage = freshStorage(url);
    stores.push(storage);
    const ordinary = makeRecord({ audit_id: "audit-plain", data: { description: "a\0b" } });
    await storage.appendEvents([ordinary, makeRecord({ audit_id: "audit\0odd" })]);
    const { rows } = await admin.query(
      `SELECT audit_id, type, record->'data'->>'description' AS description
       FROM "${storage.schema}".phaser_events WHERE audit_id = 'audit-plain' AND type = 'phase_started'`,
    );
    expect(rows).toEqual([
      { audit_id: "audit-plain", type: "phase_started", description: `${ESCAPE_MARK}a%00b` },
    ]);
    expect(await storage.getEvents({ auditId: "audit-plain" })).toStrictEqual([ordinary]);
  });
});
