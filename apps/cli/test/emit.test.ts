import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readStore, runBash, runCli, tempDirsRemovedAfterAll } from "./run-cli.js";

const freshDir = tempDirsRemovedAfterAll();

const STARTED = ["audit_started", "--audit", "A", "project=X", "slug=y", "phases_total=6"];

describe("phaser-events emit", () => {
  it("records an event from a bash script: numbers for numeric fields, any other value as its text", async () => {
    const dir = await freshDir();
    const result = await runBash(
      `phaser-events emit audit_started --audit A project=2 slug=null phases_total=6 git_commit=1234567 ok=true x=null 'list=[1,2]' 'msg="hello world"'`,
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    const [stored, ...rest] = (await readStore(dir)).events;
    expect(rest).toEqual([]);
    expect(stored).toMatchObject({ type: "audit_started", audit_id: "A", phase: null });
    expect(stored?.data).toEqual({
      project: "2",
      slug: "null",
      phases_total: 6,
      git_commit: "1234567",
      ok: "true",
      x: "null",
      list: "[1,2]",
      msg: '"hello world"',
    });
    expect(result.stdout).toMatch(
      /^\S+Z\s+A\s+-\s+audit_started\s+project=2 slug=null phases_total=6/,
    );
    expect(result.stdout).toContain(stored?.timestamp);
  });

  it("keeps a failing test's output that is valid JSON as text, cut to 1,000 characters, as the README's bash recipe passes it", async () => {
    const dir = await freshDir();
    // Output that is JSON and 5,000+ characters long: it was parsed into an object and refused.
    const script = `
      output=$(node -e 'console.log(JSON.stringify({ stats: { failures: 2 }, log: "x".repeat(5000) }))'); code=3
      phaser-events emit verification_failed --audit A --phase 1 command='"2 failing"' \
        exit_code=$code duration_ms=12 output="$output" --json`;
    const result = await runBash(script, dir);
    expect(result.code, result.stderr).toBe(0);
    const [stored] = (await readStore(dir)).events;
    expect(JSON.parse(result.stdout)).toEqual(stored);
    const data = stored?.data as Record<string, unknown>;
    expect([data.command, data.exit_code, data.duration_ms]).toEqual(['"2 failing"', 3, 12]);
    expect(typeof data.output).toBe("string");
    expect((data.output as string).length).toBeLessThanOrEqual(1000);
    expect((data.output as string).length).toBeGreaterThan(900);
    expect(data.output).toMatch(/^\{"stats":\{"failures":2\},"log":"x+/);
  });

  it("--json prints the stored wire record on one line", async () => {
    const dir = await freshDir();
    const result = await runCli(["emit", ...STARTED, "--json"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual((await readStore(dir)).events[0]);
  });

  it("merges key=value over --data, and takes --phase for phase-level types", async () => {
    const dir = await freshDir();
    const data = JSON.stringify({ description: "Spec", file: "a.md", extra: 1 });
    const result = await runCli(
      ["emit", "phase_started", "--audit", "A", "--phase", "3", "--data", data, "file=b.md"],
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    const [stored] = (await readStore(dir)).events;
    expect(stored?.phase).toBe(3);
    expect(stored?.data).toEqual({ description: "Spec", file: "b.md", extra: 1 });
  });

  it("--audit latest uses the last audit started", async () => {
    const dir = await freshDir();
    await runCli(["emit", ...STARTED], dir);
    const result = await runCli(
      ["emit", "phase_skipped", "--audit", "latest", "--phase", "1", "reason=user_request"],
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    expect((await readStore(dir)).events.map((e) => e.audit_id)).toEqual(["A", "A"]);
  });

  // One test per case: each starts the CLI, which takes a second on a loaded machine.
  const badInput: [string[], string][] = [
    [["bogus", "--audit", "A"], 'Unknown event type "bogus"'],
    [["audit_started", "--audit", "A", "project=X"], "data.slug: is required"],
    [["phase_started", "--audit", "latest", "--phase", "1"], "data.description: is required"],
    [[...STARTED.slice(0, 5), "phases_total=six"], "data.phases_total must be a number"],
    [[...STARTED, "--phase", "1"], "phase: audit_started is an audit-level event"],
    [["phase_started", "--audit", "A", "description=d", "file=f"], "phase: --phase N is required"],
    [["phase_started", "--audit", "A", "--phase", "0", "description=d", "file=f"], "--phase"],
    [[...STARTED, "--data", "{bad"], "--data is not valid JSON"],
    [[...STARTED, "--data", "[1]"], "--data must be a JSON object"],
    [[...STARTED, "project"], 'argument 4 ("project") is not key=value'],
    [[...STARTED, "slug=z"], "data.slug is given more than once"],
    [["audit_started", "project=X"], "required option '--audit <id>'"],
    [
      [
        "verification_passed",
        "--audit",
        "A",
        "--phase",
        "1",
        "command=c",
        "exit_code=1",
        "duration_ms=1",
      ],
      "data.exit_code",
    ],
  ];
  for (const [args, message] of badInput) {
    it(`exits 2 on bad input, naming what is wrong, and stores nothing: ${message}`, async () => {
      const dir = await freshDir();
      const result = await runCli(["emit", ...args], dir);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, "events.json"))).toBe(false);
    });
  }

  it("exits 1 when the store refuses its file, and leaves the file alone", async () => {
    const dir = await freshDir();
    await writeFile(join(dir, "events.json"), "{ not json");
    const result = await runCli(["emit", ...STARTED], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^phaser-events: Refusing events file .*events\.json: invalid JSON/,
    );
    expect(await readFile(join(dir, "events.json"), "utf8")).toBe("{ not json");
  });
});
