import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRecord, uuid } from "@phaser/events-storage-testkit";
import { afterAll, describe, expect, it } from "vitest";
import { inspectJsonStore, JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { pythonJsonLoad } from "./helpers.js";
import { eventElements, rootMembers } from "./json-bytes.js";

afterAll(removeTempDirs);

function fileWith(bytes: Buffer | string): string {
  const path = join(tempDir(), "events.json");
  writeFileSync(path, bytes);
  return path;
}

const text = (value: string): Buffer => Buffer.from(value, "utf8");
/** Bytes as a string with one character per byte, so a failed comparison shows every byte. */
const latin1 = (bytes: Buffer): string => bytes.toString("latin1");

/** `elements` with `separator` between each two. */
function interleave(elements: Buffer[], separator: string): Buffer[] {
  return elements.flatMap((element, n) => (n === 0 ? [element] : [text(separator), element]));
}

describe("a root object with a duplicated key", () => {
  const record = JSON.stringify(makeRecord());
  const files = [
    `{"version":1,"x":[1],"events":[${record}],"x":[2]}`,
    `{"version":1,"x":[],"events":[${record}],"x":[]}`,
    `{"version":1,"events":[${record}],"events":[]}`,
    `{"version":1,"version":1,"events":[${record}]}`,
  ];
  for (const contents of files) {
    it(`is refused with CORRUPT_STORE and stays byte-identical: ${contents.slice(0, 40)}…`, async () => {
      const path = fileWith(contents);
      const storage = new JsonFileStorage({ path, maxEvents: 0, retentionDays: 1 });
      const attempts: [string, () => Promise<unknown>][] = [
        ["getEvents", () => storage.getEvents()],
        ["appendEvent", () => storage.appendEvent(makeRecord())],
        ["appendEvents", () => storage.appendEvents([makeRecord(), makeRecord()])],
        ["clearEvents()", () => storage.clearEvents()],
        ["clearEvents({ before })", () => storage.clearEvents({ before: new Date() })],
        ["cleanup", () => storage.cleanup()],
        ["migrate", () => storage.migrate()],
      ];
      for (const [what, attempt] of attempts) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e as { code?: string; message?: string },
        );
        expect(error?.code, `${what}: ${error?.message ?? "resolved"}`).toBe("CORRUPT_STORE");
        expect(error?.message, what).toContain(path);
        expect(readFileSync(path, "utf8"), `${what} changed the file`).toBe(contents);
      }
      expect(readdirSync(join(path, ".."))).toEqual(["events.json"]);
      const report = await inspectJsonStore(path);
      expect(report.refused?.code).toBe("CORRUPT_STORE");
      expect(report.healthy).toBe(false);
    }, 15_000);
  }
});

describe("a root object whose events array is not its last member", () => {
  const record = makeRecord();
  const line = JSON.stringify(record);
  const files: [string, unknown][] = [
    [`{"version":1,"events":[${line}],"x":[1]}`, [1]],
    [`{"version":1,"events":[${line}],"x":[]}`, []],
    [`{"version":1,"events":[${line}],"x":{"events":[]}}`, { events: [] }],
    [`{\n  "version": 1,\n  "events": [\n    ${line}\n  ],\n  "x": []\n}\n`, []],
  ];
  for (const [contents, x] of files) {
    it(`accepts appends into events, not into x: ${JSON.stringify(contents.slice(-24))}`, async () => {
      const path = fileWith(contents);
      const added = [makeRecord(), makeRecord()];
      for (const one of added) await new JsonFileStorage({ path }).appendEvent(one);
      const file = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      expect(file.x).toEqual(x);
      expect(file.events).toEqual([record, ...added]);
      expect(rootMembers(readFileSync(path)).filter((m) => m.key === "x")).toHaveLength(1);
      expect(await new JsonFileStorage({ path }).getEvents()).toEqual([record, ...added]);
      expect(await pythonJsonLoad(path)).toBe("");
    }, 15_000);
  }
});

describe("records a rewrite must keep byte for byte", () => {
  const at = (time: string) => `"timestamp":"2025-12-05T10:00:${time}.000Z","audit_id":"h"`;
  /** Valid records older than the cut: clear and retention remove them. */
  const old = [1, 2].map((day) =>
    text(JSON.stringify(makeRecord({ timestamp: `2020-01-0${day}T00:00:00.000Z` }))),
  );
  const kept: [string, Buffer][] = [
    [
      "an unknown type",
      text(`{"id":"${uuid()}","type":"audit_paused",${at("01")},"phase":null,"data":{"why":"x"}}`),
    ],
    [
      "unknown fields",
      text(
        `{"id":"${uuid()}","type":"phase_started",${at("02")},"phase":1,"data":{"extra":[1,2]},"origin":{"host":"ci-7"}}`,
      ),
    ],
    ["a malformed record", text(`{"id":"not-a-uuid","type":"phase_started","phase":0}`)],
    ["a 20-digit integer", text("12345678901234567890")],
    ["1E400", text("1E400")],
    ["1.0", text("1.0")],
    [
      "a duplicated key inside a record",
      text(
        `{"id":"${uuid()}","type":"phase_started",${at("03")},"phase":1,"data":{"k":1,"k":2},"note":"a","note":"b"}`,
      ),
    ],
    [
      "unrepresentable numbers inside a record",
      text(
        `{"id":"${uuid()}","type":"phase_started",${at("04")},"phase":1,"data":{"big":12345678901234567890,"huge":1E400,"one":1.0,"neg":-0}}`,
      ),
    ],
    [
      "an invalid UTF-8 byte",
      Buffer.concat([
        text(`{"id":"${uuid()}","type":"phase_started",${at("05")},"phase":1,"data":{"name":"caf`),
        Buffer.from([0xe9]),
        text(`"}}`),
      ]),
    ],
    [
      "escapes and odd spacing",
      text(
        `{ "id" : "${uuid()}" , "type":"phase_started",${at("06")},"phase":1,"data":{"d":"caf\\u00e9 \\/ \\ud83c\\udf89"} }`,
      ),
    ],
  ];
  const keptBytes = kept.map(([, bytes]) => bytes);
  const newest = text(JSON.stringify(makeRecord({ timestamp: "2025-12-05T10:00:09.000Z" })));
  /** The file's elements: the old records among the ones to keep. */
  const all = [old[0], ...keptBytes.slice(0, 3), old[1], ...keptBytes.slice(3), newest] as Buffer[];
  const afterRemoval = [...keptBytes, newest];

  const layouts: [string, (elements: Buffer[]) => Buffer, (elements: Buffer[]) => Buffer][] = [
    [
      "one record per line",
      (elements) =>
        Buffer.concat([
          text('{\n  "version": 1,\n  "events": [\n    '),
          ...interleave(elements, ",\n    "),
          text("\n  ]\n}\n"),
        ]),
      (elements) => Buffer.concat([text("[\n  "), ...interleave(elements, ",\n  "), text("\n]\n")]),
    ],
    [
      "compact, as json.dump writes it",
      (elements) =>
        Buffer.concat([
          text('{"version": 1, "events": ['),
          ...interleave(elements, ", "),
          text("]}"),
        ]),
      (elements) => Buffer.concat([text("["), ...interleave(elements, ", "), text("]")]),
    ],
  ];

  function expectElements(path: string, expected: Buffer[]): void {
    const bytes = readFileSync(path);
    expect(() => JSON.parse(bytes.toString("utf8")), "valid JSON").not.toThrow();
    const version = rootMembers(bytes).filter((member) => member.key === "version");
    expect(version.map((member) => member.value.toString())).toEqual(["1"]);
    expect(eventElements(bytes).map(latin1)).toEqual(expected.map(latin1));
  }

  for (const [layout, v1, v0] of layouts) {
    it(`through clearEvents({ before }) and an append after it (${layout})`, async () => {
      const path = fileWith(v1(all));
      const storage = new JsonFileStorage({ path, onWarning: () => {} });
      expect(await storage.clearEvents({ before: "2021-01-01T00:00:00.000Z" })).toBe(2);
      expectElements(path, afterRemoval);
      const added = makeRecord({ timestamp: "2025-12-05T10:00:10.000Z" });
      await storage.appendEvent(added);
      expectElements(path, [...afterRemoval, text(JSON.stringify(added))]);
    }, 15_000);

    it(`through cleanup() with a retention policy (${layout})`, async () => {
      const path = fileWith(v1(all));
      const storage = new JsonFileStorage({
        path,
        onWarning: () => {},
        retentionDays: 30,
        maxEvents: 0,
        now: () => new Date("2025-12-10T00:00:00.000Z"),
      });
      expect(await storage.cleanup()).toBe(2);
      expectElements(path, afterRemoval);
    }, 15_000);

    it(`through migrate() from a version-0 bare array (${layout})`, async () => {
      const original = v0(all);
      const path = fileWith(original);
      const result = await new JsonFileStorage({ path, onWarning: () => {} }).migrate();
      expect(result).toEqual({ from: 0, to: 1, backup: expect.any(String) });
      expect(readFileSync(result.backup ?? "").equals(original), "the backup").toBe(true);
      expectElements(path, all);
    }, 15_000);

    it(`through the migration an append starts (${layout})`, async () => {
      const path = fileWith(v0(all));
      const added = makeRecord();
      await new JsonFileStorage({ path, onWarning: () => {} }).appendEvent(added);
      expectElements(path, [...all, text(JSON.stringify(added))]);
    }, 15_000);
  }
});
