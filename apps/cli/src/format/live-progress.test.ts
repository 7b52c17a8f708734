import { Event } from "@phaser/events-core";
import { describe, expect, it, vi } from "vitest";
import { displayWidth } from "./display-width.js";
import { createProgress } from "./live-progress.js";

const AUDIT = "0f8fad5b-d9cb-469f-a165-70867728950e";
const base = { timestamp: "2025-12-05T10:00:00.000Z", auditId: AUDIT, phase: 1 };
let n = 0;
const id = () => `0f8fad5b-d9cb-469f-a165-7086772895${String(n++).padStart(2, "0")}`;
const phaseStarted = (description = "Build") =>
  new Event({ ...base, id: id(), type: "phase_started", data: { description, file: "" } });
const passed = (command = "make") =>
  new Event({
    ...base,
    id: id(),
    type: "verification_passed",
    data: { command, duration_ms: 5 },
  });
const completed = new Event({
  ...base,
  id: id(),
  type: "phase_completed",
  data: { duration_seconds: 1.5, files_created: 0, files_modified: 0, verification_count: 1 },
});

function capture(options: { live: boolean; json: boolean; columns?: number }) {
  let out = "";
  const progress = createProgress({
    ...options,
    write: (text) => (out += text),
    columns: () => options.columns,
  });
  // ESC shown as "⎋", so the expectations need no control characters.
  return { progress, out: () => out.replaceAll("\x1b", "⎋") };
}

describe("createProgress", () => {
  it("on a terminal prints each event and draws the running phase as one line, erased and redrawn", () => {
    const { progress, out } = capture({ live: true, json: false, columns: 100 });
    progress.onEvent(phaseStarted());
    // The phase's title stays on the screen; the live line is drawn below it.
    expect(out()).toMatch(/^ {2}▸ phase 1 started {2}Build\n\r⎋\[2K {2}\S phase 1 Build {2}0\.0s$/);
    progress.onEvent(passed());
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

  it("cuts the live line one column short of the terminal's width, wide characters counted twice", () => {
    const title = `${"長い題名".repeat(10)} 🚀 ${"x".repeat(100)}`;
    for (const columns of [20, 40, 60, 80]) {
      const { progress, out } = capture({ live: true, json: false, columns });
      progress.onEvent(phaseStarted(title));
      const live = out().split("\r⎋[2K").at(-1) as string;
      expect(live).toMatch(/^ {2}\S phase 1 .*… {2}0\.0s$/);
      expect(displayWidth(live)).toBeLessThanOrEqual(columns - 1);
      expect(displayWidth(live)).toBeGreaterThanOrEqual(columns - 2); // it uses the room it has
      progress.stop();
      expect(out().endsWith("\r⎋[2K")).toBe(true);
    }
  });

  it("follows a resized terminal from the next frame on", () => {
    vi.useFakeTimers();
    try {
      let columns = 80;
      let out = "";
      const progress = createProgress({
        live: true,
        json: false,
        write: (text) => (out += text),
        columns: () => columns,
      });
      progress.onEvent(phaseStarted("x".repeat(200)));
      expect(displayWidth(out.split("\x1b[2K").at(-1) as string)).toBe(79);
      columns = 30;
      vi.advanceTimersByTime(100);
      const frame = out.split("\x1b[2K").at(-1) as string;
      expect(frame).toMatch(/^ {2}\S phase 1 x+… {2}0\.1s$/);
      expect(displayWidth(frame)).toBe(29);
      progress.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows a command to the terminal's width: whole where it fits, cut to fit in 60", () => {
    const command = `pytest tests/integration/test_${"very_long_name_".repeat(5)}.py`; // 108 characters
    const wide = capture({ live: true, json: false, columns: 160 });
    wide.progress.onEvent(passed(command));
    expect(wide.out()).toContain(`  ${command} · exit 0 · 5 ms\n`);
    const narrow = capture({ live: true, json: false, columns: 60 });
    narrow.progress.onEvent(passed(command));
    const line = narrow.out().split("\n")[0] as string;
    expect(line).toMatch(/ {2}pytest tests\/in.*… · exit 0 · 5 ms$/);
    expect(displayWidth(line)).toBe(60);
  });

  it("elsewhere prints plain lines with no escape codes, commands cut at 72 columns", () => {
    const { progress, out } = capture({ live: false, json: false });
    for (const event of [phaseStarted(), passed("x".repeat(100)), completed])
      progress.onEvent(event);
    expect(out()).not.toContain("⎋");
    expect(out().split("\n").filter(Boolean)).toHaveLength(3);
    expect(out()).toContain(`${"x".repeat(71)}… · exit 0`);
  });

  it("with --json prints each event as one JSON line", () => {
    const { progress, out } = capture({ live: true, json: true });
    const event = passed();
    progress.onEvent(event);
    expect(JSON.parse(out())).toEqual(event.toDict());
    expect(out().endsWith("\n")).toBe(true);
  });
});
