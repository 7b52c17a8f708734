import { Event } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { createProgress } from "./live-progress.js";

const AUDIT = "0f8fad5b-d9cb-469f-a165-70867728950e";
const base = { timestamp: "2025-12-05T10:00:00.000Z", auditId: AUDIT, phase: 1 };
let n = 0;
const id = () => `0f8fad5b-d9cb-469f-a165-7086772895${String(n++).padStart(2, "0")}`;
const phaseStarted = new Event({
  ...base,
  id: id(),
  type: "phase_started",
  data: { description: "Build", file: "" },
});
const passed = new Event({
  ...base,
  id: id(),
  type: "verification_passed",
  data: { command: "make", duration_ms: 5 },
});
const completed = new Event({
  ...base,
  id: id(),
  type: "phase_completed",
  data: { duration_seconds: 1.5, files_created: 0, files_modified: 0, verification_count: 1 },
});

function capture(options: { live: boolean; json: boolean }) {
  let out = "";
  const progress = createProgress({ ...options, write: (text) => (out += text) });
  // ESC shown as "⎋", so the expectations need no control characters.
  return { progress, out: () => out.replaceAll("\x1b", "⎋") };
}

describe("createProgress", () => {
  it("on a terminal draws the running phase as one line that is erased and redrawn", () => {
    const { progress, out } = capture({ live: true, json: false });
    progress.onEvent(phaseStarted);
    expect(out()).toMatch(/^\r⎋\[2K {2}\S phase 1 Build {2}0\.0s$/);
    progress.onEvent(passed);
    // The live line is erased, the event printed on its own line, and the live line drawn again below it.
    expect(out()).toMatch(
      /\r⎋\[2K {4}✓ verification passed {2}make · exit 0 · 5 ms\n\r⎋\[2K {2}\S phase 1 Build/,
    );
    progress.onEvent(completed);
    expect(
      out().endsWith(
        "\r⎋[2K  ✓ phase 1 completed  1.500s · files: 0 created, 0 modified · 1 verification\n",
      ),
    ).toBe(true);
    progress.stop();
  });

  it("elsewhere prints plain lines with no escape codes", () => {
    const { progress, out } = capture({ live: false, json: false });
    for (const event of [phaseStarted, passed, completed]) progress.onEvent(event);
    expect(out()).not.toContain("⎋");
    expect(out().split("\n").filter(Boolean)).toHaveLength(3);
  });

  it("with --json prints each event as one JSON line", () => {
    const { progress, out } = capture({ live: true, json: true });
    progress.onEvent(passed);
    expect(JSON.parse(out())).toEqual(passed.toDict());
    expect(out().endsWith("\n")).toBe(true);
  });
});
