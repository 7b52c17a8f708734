import { describe, expect, it } from "vitest";
import { Event } from "../src/index.js";
import {
  EventIndex,
  lenientTimestampKey,
  sortRecords,
  strictTimestampKey,
} from "../src/store-kit.js";
import { makeRecord } from "./helpers.js";

describe("timestamps written by other tools", () => {
  const ms = Date.parse("2025-12-05T10:15:30.123Z");

  it("reads the canonical form and the Python form (+00:00, microseconds) as instants", () => {
    expect(strictTimestampKey("2025-12-05T10:15:30.123Z")).toBe(ms * 1000);
    expect(strictTimestampKey("2025-12-05T10:15:30.123+00:00")).toBe(ms * 1000);
    expect(strictTimestampKey("2025-12-05T10:15:30.123456+00:00")).toBe(ms * 1000 + 456);
    expect(strictTimestampKey("2025-12-05T10:15:30+00:00")).toBe(
      Date.parse("2025-12-05T10:15:30Z") * 1000,
    );
  });

  it("refuses non-UTC offsets, dates that do not exist and other shapes", () => {
    for (const bad of [
      "2025-12-05T10:15:30.123+02:00",
      "2025-02-30T10:15:30.123Z",
      "2025-02-30T10:15:30.123456+00:00",
      "2025-13-01T10:15:30.123Z",
      "2025-12-05T24:00:00.000+00:00",
      "2025-12-05 10:15:30.123Z",
      "yesterday",
    ]) {
      expect(strictTimestampKey(bad), bad).toBeNaN();
    }
  });

  it("keeps the original text on the Event and in toDict()", () => {
    const record = makeRecord({ timestamp: "2025-12-05T10:15:30.123456+00:00" });
    const event = Event.fromDict(record);
    expect(event.timestamp).toBe("2025-12-05T10:15:30.123456+00:00");
    expect(event.toDict().timestamp).toBe("2025-12-05T10:15:30.123456+00:00");
  });

  it("orders and filters mixed forms by instant, not as strings", () => {
    // As strings "…30.500+00:00" < "…30.123Z" would put a first; as instants .123 < .1234 < .5
    const a = makeRecord({ timestamp: "2025-12-05T10:15:30.500+00:00" });
    const b = makeRecord({ timestamp: "2025-12-05T10:15:30.123Z" });
    const c = makeRecord({ timestamp: "2025-12-05T10:15:30.123400+00:00" });
    expect(sortRecords([a, b, c])).toEqual([b, c, a]);
    const index = new EventIndex();
    index.insert([a, b, c]);
    expect(index.query()).toEqual([b, c, a]);
    expect(index.query({ since: "2025-12-05T10:15:30.124Z" })).toEqual([a]);
    expect(index.query({ until: new Date(ms + 1) })).toEqual([b, c]);
    expect(lenientTimestampKey("2025-12-05T12:15:30.123+02:00")).toBe(ms * 1000);
  });
});
