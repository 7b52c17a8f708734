import { Event } from "@phaser/events-core";
import { describe, expect, it } from "vitest";
import { formatProgress } from "../src/format/progress.js";
import { node, projectRepo, writePlan } from "./project-repo.js";
import { renderScreen, runInTerminal } from "./pseudo-terminal.js";
import { readStore, tempDirsRemovedAfterAll } from "./run-cli.js";

const freshDir = tempDirsRemovedAfterAll();
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
const COLUMNS = 60;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removes our own colour codes
const stripColours = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "");

describe("phaser-events run on a terminal", () => {
  it("keeps the live line within the width, leaves titles and results on the screen, and one outcome line", async () => {
    const storageDir = await freshDir();
    const cwd = await projectRepo({ "a.txt": "a\n" });
    const title = `Compile ${"長い題名".repeat(6)} 🚀 and a long English tail to be sure`;
    // 100 characters: cut at 72 columns before, wider than this 60-column terminal either way.
    const command = `${node("process.exit(0)")} # ${"x".repeat(70)}`;
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [
        // Running about a second: ten frames of the live line.
        { title, run: node("setTimeout(() => {}, 1000)"), verify: [command] },
        {
          title: "Check the greeting",
          verify: [node("console.log('expected hello'); console.log('got bye'); process.exit(1)")],
        },
      ],
    });
    const { code, output } = await runInTerminal(["run", plan, "--cwd", cwd], storageDir, {
      columns: COLUMNS,
    });
    expect(code, output).toBe(1);
    // Our colours are on (the red of the failure, the cyan of the spinner).
    expect(output).toContain("\x1b[31m");
    expect(output).toContain("\x1b[36m⠋");

    // Each frame of the live line fits one column short of the width: drawn alone, it takes one row.
    const frames = output
      .split("\x1b[2K")
      .filter((segment) => SPINNER.test(segment) && !segment.includes("\n"));
    expect(frames.length).toBeGreaterThanOrEqual(5);
    for (const frame of frames) {
      expect(renderScreen(frame.replace(/\r$/, ""), COLUMNS - 1), frame).toHaveLength(1);
    }

    // What stays on the screen is each event's lines, once, as formatted for the width:
    // no stale spinner rows, and nothing more.
    const screen = renderScreen(output, COLUMNS);
    const events = (await readStore(storageDir)).events.map((record) => Event.fromDict(record));
    const printed = events.flatMap((event) => formatProgress(event, { width: COLUMNS }));
    expect(screen).toEqual(renderScreen(`${stripColours(printed.join("\r\n"))}\r\n`, COLUMNS));
    expect(screen.filter((row) => SPINNER.test(row))).toEqual([]);
    // The titles stay visible.
    expect(screen.some((row) => row.startsWith("  ▸ phase 1 started  Compile 長い題名"))).toBe(
      true,
    );
    expect(screen).toContain("  ▸ phase 2 started  Check the greeting");
    // Exactly one outcome line, with the full audit id.
    expect(screen.filter((row) => /\baudit\b.*\b(completed|abandoned)\b/.test(row))).toHaveLength(
      1,
    );
    // (it is wider than 60 columns: it is not cut, it wraps, and it is the last thing shown)
    expect(screen.slice(-2).join("")).toBe(
      `✖ audit ${events[0]?.auditId} abandoned  reason error · 1 completed, 0 remaining`,
    );
    // The command is shown to the terminal's width: cut to fit its row, not wrapped.
    const check = screen.find((row) => row.startsWith("    ✓ verification passed  ")) as string;
    expect(check).toMatch(/^ {4}✓ verification passed {2}node -e .*… · exit 0 · \d+ ms$/);
    expect(screen[screen.indexOf(check) + 1]).toMatch(/^ {2}✓ phase 1 completed/);
    // The failure's output is on the screen too.
    expect(screen).toContain("        │ expected hello");
  });
});
