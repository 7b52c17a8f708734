import type { EventRecord } from "@phaser/events-core";
import { JsonFileStorage } from "@phaser/events-store-json";
import { describe, expect, it } from "vitest";
import { readStore, runCli, tempDirsRemovedAfterAll } from "./run-cli.js";
import { recordAt } from "./store-fixtures.js";

const freshDir = tempDirsRemovedAfterAll();
const AUDIT = "0f8fad5b-d9cb-469f-a165-70867728950e";
/** A zone five hours behind UTC in December: local 10:00 is 15:00 UTC. */
const NEW_YORK = { TZ: "America/New_York" };

describe("times without an offset are UTC, as every printed time is", () => {
  it("list --since and clear --before, in a New York time zone, take a time pasted from list as UTC", async () => {
    const dir = await freshDir();
    const store = new JsonFileStorage({ dir });
    const times = ["09:00", "10:00", "11:00", "12:00"].map((t) => `2025-12-05T${t}:00.000Z`);
    await store.appendEvents(times.map((time) => recordAt(time, AUDIT) as EventRecord));
    await store.close();

    // The time `list` prints for the 10:00 event, pasted without its Z.
    const since = await runCli(
      ["list", "--json", "--since", "2025-12-05T10:00:00.000"],
      dir,
      NEW_YORK,
    );
    expect(since.code, since.stderr).toBe(0);
    expect(
      since.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).timestamp),
    ).toEqual(times.slice(1));
    // Read as local time, this would be 15:00 UTC and remove all four.
    const cleared = await runCli(["clear", "--before", "2025-12-05T10:00", "--yes"], dir, NEW_YORK);
    expect([cleared.code, cleared.stdout]).toEqual([
      0,
      `removed 1 event before 2025-12-05T10:00:00.000Z from ${dir}/events.json\n`,
    ]);
    expect((await readStore(dir)).events.map((record) => record.timestamp)).toEqual(times.slice(1));
  });

  it("--help says so", async () => {
    const help = await runCli(["list", "--help"], await freshDir());
    const since = help.stdout.replace(/\s+/g, " ");
    expect(since).toContain(
      "--since <time> only events at or after this time: ISO 8601 date or time, UTC unless it has an offset",
    );
  });
});
