import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOfDemoStore } from "./demo-store.js";
import { readStore, runCli, runCliProcess, type StoredRecord, tempDir } from "./run-cli.js";

let storageDir: string;
let emptyDir: string;
let records: StoredRecord[];
let completedId: string;
let abandonedId: string;

beforeAll(async () => {
  storageDir = await copyOfDemoStore();
  emptyDir = await tempDir();
  records = (await readStore(storageDir)).events;
  completedId = records.find((e) => e.type === "audit_completed")?.audit_id ?? "";
  abandonedId = records.find((e) => e.type === "audit_abandoned")?.audit_id ?? "";
});

afterAll(async () => {
  await rm(storageDir, { recursive: true, force: true });
  await rm(emptyDir, { recursive: true, force: true });
});

const listJson = async (args: string[], dir = storageDir): Promise<StoredRecord[]> => {
  const result = await runCli(["list", "--json", ...args], dir);
  expect(result.code).toBe(0);
  return result.stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
};

describe("phaser-events list", () => {
  it("--json prints the stored wire records as NDJSON, one per line", async () => {
    expect(await listJson([])).toEqual(records);
  });

  it("prints one line per event: timestamp, short audit id, phase, type, data", async () => {
    const result = await runCli(["list"], storageDir);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(records.length);
    const first = records[0] as StoredRecord;
    expect(lines[0]).toContain(first.timestamp);
    expect(lines[0]).toContain(first.audit_id.slice(0, 8));
    expect(lines[0]).toMatch(/\s-\s+audit_started\s+project=greeter/);
  });

  it("--type filters by event type", async () => {
    const failed = await listJson(["--type", "phase_failed"]);
    expect(failed).toEqual(records.filter((e) => e.type === "phase_failed"));
    expect(failed).toHaveLength(1);
    const text = await runCli(["list", "--type", "phase_failed"], storageDir);
    expect(text.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(text.stdout).toContain("phase_failed");
  });

  it("--audit filters by audit", async () => {
    const events = await listJson(["--audit", abandonedId]);
    expect(events.length).toBeGreaterThan(0);
    expect(events).toEqual(records.filter((e) => e.audit_id === abandonedId));
  });

  it("--since, --until and --limit narrow the list", async () => {
    const middle = records[10] as StoredRecord;
    expect(await listJson(["--since", middle.timestamp])).toEqual(
      records.filter((e) => e.timestamp >= middle.timestamp),
    );
    expect(await listJson(["--until", middle.timestamp])).toEqual(
      records.filter((e) => e.timestamp < middle.timestamp),
    );
    expect(await listJson(["--limit", "3"])).toEqual(records.slice(0, 3));
  });

  // One test per case: each starts the CLI, which takes a second on a loaded machine.
  for (const args of [
    ["--type", "bogus"],
    ["--since", "yesterday"],
    ["--limit", "-1"],
    ["--limit", "many"],
  ]) {
    it(`rejects ${args.join(" ")} with exit code 2`, async () => {
      const result = await runCli(["list", ...args], storageDir);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(`'${args[1]}' is invalid`);
      // An unknown type is answered with the known ones.
      if (args[0] === "--type") expect(result.stderr).toContain("phase_completed");
    });
  }

  it("--store DIR overrides $PHASER_STORAGE_DIR", async () => {
    expect(await listJson(["--store", storageDir], emptyDir)).toEqual(records);
    expect(await listJson(["--store", emptyDir], storageDir)).toEqual([]);
    // Given before the command, for a command that writes (into a folder it creates).
    const nested = join(emptyDir, "nested");
    const emit = ["emit", "audit_started", "--audit", "A", "project=X", "slug=y", "phases_total=1"];
    const result = await runCli(["--store", nested, ...emit], storageDir);
    expect(result.code, result.stderr).toBe(0);
    expect((await readStore(nested)).events.map((e) => e.audit_id)).toEqual(["A"]);
    expect((await readStore(storageDir)).events).toEqual(records);
  });
});

describe("phaser-events replay", () => {
  it("takes latest, and the short id that list prints, for the whole id", async () => {
    const latest = await runCli(["replay", "latest", "--json"], storageDir);
    const short = await runCli(["replay", abandonedId.slice(0, 8), "--json"], storageDir);
    expect(latest.code).toBe(0);
    expect(short.stdout).toBe(latest.stdout);
    const ids = latest.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).audit_id);
    expect(new Set(ids)).toEqual(new Set([abandonedId]));
  });

  it("prints the audit's timeline and how many events were replayed", async () => {
    const result = await runCli(["replay", completedId], storageDir);
    expect(result.code).toBe(0);
    const count = records.filter((e) => e.audit_id === completedId).length;
    expect(result.stdout).toContain(`${count} events replayed`);
    expect(result.stdout).toMatch(/\+0\.000s\s+-\s+audit_started\s+greeter/);
    expect(result.stdout).toMatch(
      /\+\d+\.\d{3}s\s+p2\s+verification_failed\s+node \.audit\/checks\/warm-cache\.js · exit 1/,
    );
    expect(result.stdout).toContain("│ cache was cold");
    expect(result.stdout).toMatch(/audit_completed\s+\d+\.\d{3}s · 3 completed, 1 skipped/);
  });

  it("shows why the abandoned audit failed", async () => {
    const result = await runCli(["replay", abandonedId], storageDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /p2\s+phase_failed\s+Verification command failed with exit code 1: .* · 3 attempts/,
    );
    expect(result.stdout).toContain("│ ENOENT");
    expect(result.stdout).toMatch(/audit_abandoned\s+reason error · 1 completed, 1 remaining/);
  });

  it("exits 1 with a message when the audit has no events", async () => {
    const result = await runCli(["replay", "no-such-audit"], storageDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `phaser-events: no events for audit no-such-audit in ${join(storageDir, "events.json")}\n`,
    );
  });

  it("exits 2 without an audit id", async () => {
    expect((await runCli(["replay"], storageDir)).code).toBe(2);
  });
});

describe("phaser-events errors and flags", () => {
  it("--version prints the package version", async () => {
    const { version } = JSON.parse(
      await readFile(new URL("../package.json", import.meta.url), "utf8"),
    );
    const result = await runCli(["--version"], storageDir);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("reports a store it cannot read with exit code 1 and no stack trace", async () => {
    const dir = join(emptyDir, "corrupt");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "events.json"), "{ not json");
    for (const command of ["list", "demo"]) {
      // The demo's project and plans are found beside dist/cli.js: demo runs as the built binary.
      const result = await (command === "demo" ? runCliProcess : runCli)([command], dir);
      expect(result.code, command).toBe(1);
      expect(result.stderr).toMatch(/^phaser-events: .*events\.json/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await readFile(join(dir, "events.json"), "utf8")).toBe("{ not json");
    }
  });

  it("exits 2 on an unknown command", async () => {
    const result = await runCli(["frobnicate"], storageDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("phaser-events: unknown command 'frobnicate'");
  });
});
