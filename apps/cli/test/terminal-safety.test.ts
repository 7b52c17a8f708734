import { randomUUID } from "node:crypto";
import { JsonFileStorage } from "@phaser/events-store-json";
import { beforeAll, describe, expect, it } from "vitest";
import { node, projectRepo, writePlan } from "./project-repo.js";
import { runInTerminal, type TerminalResult } from "./pseudo-terminal.js";
import { readStore, runCli, type StoredRecord, tempDirsRemovedAfterAll } from "./run-cli.js";

const ESC = "\x1b";
const BEL = "\x07";
/** What another writer of a shared store, or a test's output, can send a reader's terminal. */
const ATTACKS = {
  clipboard: `${ESC}]52;c;aGVsbG8=${BEL}`, // OSC 52: write the clipboard
  title: `${ESC}]0;PWNED${BEL}`, // OSC 0: retitle the window
  clear: `${ESC}[2J`, // CSI 2J: clear the screen
  conceal: `${ESC}[8m`, // SGR 8: hide what follows
  overwrite: "safe\rEVIL", // a bare CR: EVIL is printed over "safe"
  c1: "\u009b2J", // C1 CSI: the same as ESC [ to a terminal that reads C1
  bidi: "\u202etxt.exe", // RIGHT-TO-LEFT OVERRIDE: "exe.txt" on screen
};
const HOSTILE = Object.values(ATTACKS).join(" ");
/** Raw characters a terminal acts on: C0 but LF, DEL, C1, bidi overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finds the control characters that must not reach a terminal
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Our own colours (SGR), which a formatter adds around text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches our own colour codes, which start with ESC
const SGR = /\x1b\[[0-9;]*m/g;

/**
 * Output with our own sequences removed (colours; on a terminal the live
 * line's `\r ESC[2K` and the `\r\n` the terminal driver makes of `\n`); what
 * is left must have no control character at all.
 */
function expectSafe(output: string, options: { colours: boolean }): void {
  const ownColours = output.match(SGR) ?? [];
  if (options.colours) expect(ownColours.length).toBeGreaterThan(0);
  else expect(ownColours).toEqual([]);
  const rest = output.replaceAll("\r\n", "\n").replaceAll(`\r${ESC}[2K`, "").replace(SGR, "");
  const found = RAW_CONTROL.exec(rest);
  expect(found === null ? null : rest.slice(Math.max(0, found.index - 40), found.index + 20)).toBe(
    null,
  );
}

const freshDir = tempDirsRemovedAfterAll();
let storageDir: string;
let run: TerminalResult;
let records: StoredRecord[];

beforeAll(async () => {
  storageDir = await freshDir();
  const cwd = await projectRepo({ "README.md": "# p\n" });
  const fileName = `f ${ATTACKS.title} ${ATTACKS.c1} ${ATTACKS.bidi}`;
  const plan = await writePlan(
    {
      project: `evil ${HOSTILE}`,
      slug: `slug ${HOSTILE}`,
      phases: [
        {
          title: `Build ${HOSTILE}`,
          run: node(`require("fs").writeFileSync(${JSON.stringify(fileName)}, "x")`),
          verify: [
            `true # ${HOSTILE}`,
            node(
              `process.stdout.write(${JSON.stringify(`${HOSTILE}\nline 2 ${HOSTILE}`)}); process.exit(1)`,
            ),
          ],
        },
      ],
    },
    "plan.json",
  );
  run = await runInTerminal(["run", plan, "--cwd", cwd], storageDir, { columns: 250 });
  // Another writer of the store (a script, a shared database) stores output as it likes.
  const auditId = (await readStore(storageDir)).events[0]?.audit_id as string;
  const store = new JsonFileStorage({ dir: storageDir });
  await store.appendEvents([
    {
      id: randomUUID(),
      type: "verification_failed",
      timestamp: new Date().toISOString(),
      audit_id: auditId,
      phase: 1,
      data: { command: `check ${HOSTILE}`, exit_code: 1, duration_ms: 5, output: HOSTILE },
    },
  ]);
  await store.close();
  records = (await readStore(storageDir)).events;
}, 60_000);

describe("stored data never reaches a terminal raw", () => {
  it("the store holds the hostile strings as they were (the test is real)", () => {
    const stored = JSON.stringify(records.map((record) => record.data));
    expect(records.map((record) => record.type)).toContain("file_created");
    for (const attack of [ATTACKS.clipboard, ATTACKS.title, ATTACKS.c1, ATTACKS.bidi]) {
      expect(stored).toContain(JSON.stringify(attack).slice(1, -1));
    }
  });

  it("run, on a real terminal with colours: the live output shows them as text", () => {
    expect(run.code, run.output).toBe(1);
    expectSafe(run.output, { colours: true });
    expect(run.output).toContain("evil ␛]52;c;aGVsbG8=␇ ␛]0;PWNED␇ ␛[2J ␛[8m safe␍EVIL \\u009b2J");
    expect(run.output).toContain("phase 1 started\x1b[39m  Build ␛]52;c;aGVsbG8=␇");
    expect(run.output).toContain(
      "file created\x1b[39m  f ␛]0;PWNED␇ \\u009b2J \\u202etxt.exe (1 B)",
    );
    // A command's output is cleaned before it is stored (truncateOutput): the sequences are gone,
    // a carriage return ends a line, and what is not a control character is shown as text.
    expect(run.output).toContain("│ EVIL  \\u202etxt.exe");
    expect(run.output).toContain("│ line 2     safe");
  });

  it("list, replay and tail, with colours and without", async () => {
    const listed = await runCli(["list"], storageDir, { FORCE_COLOR: "1", NO_COLOR: undefined });
    expect([listed.code, listed.stderr]).toEqual([0, ""]);
    expectSafe(listed.stdout, { colours: true });
    expect(listed.stdout.split("\n").filter(Boolean)).toHaveLength(records.length);
    expect(listed.stdout).toContain("\\u001b]52;c;aGVsbG8=\\u0007"); // JSON-quoted, as list shows text with spaces

    const replayed = await runCli(["replay", "latest"], storageDir);
    expect([replayed.code, replayed.stderr]).toEqual([0, ""]);
    expectSafe(replayed.stdout, { colours: false });
    expect(replayed.stdout).toContain("check ␛]52;c;aGVsbG8=␇ ␛]0;PWNED␇");
    expect(replayed.stdout).toContain(
      "│ ␛]52;c;aGVsbG8=␇ ␛]0;PWNED␇ ␛[2J ␛[8m safe␍EVIL \\u009b2J \\u202etxt.exe",
    );

    const tailed = await runCli(["tail", "-n", "3"], storageDir);
    expect([tailed.code, tailed.stderr]).toEqual([0, ""]);
    expectSafe(tailed.stdout, { colours: false });
    expect(tailed.stdout.split("\n").filter(Boolean)).toHaveLength(3);
  });

  it("insights: project names, commands and paths", async () => {
    const insights = await runCli(["insights"], storageDir, {
      FORCE_COLOR: "1",
      NO_COLOR: undefined,
    });
    expect([insights.code, insights.stderr]).toEqual([0, ""]);
    expectSafe(insights.stdout, { colours: true });
    expect(insights.stdout).toContain("evil ␛]52;c;aGVsbG8=␇");
    expect(insights.stdout).toContain("f ␛]0;PWNED␇ \\u009b2J \\u202etxt.exe");
  });

  it("--json stays exact, and escapes C1 and bidi controls as JSON does C0", async () => {
    const listed = await runCli(["list", "--json"], storageDir);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.split("\n").filter(Boolean);
    expect(lines.map((line) => JSON.parse(line))).toEqual(records);
    expect(RAW_CONTROL.test(listed.stdout.replaceAll("\n", ""))).toBe(false);
    expect(listed.stdout).toContain("\\u009b2J \\u202etxt.exe");
  });
});
