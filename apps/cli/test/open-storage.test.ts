import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runCli, tempDirsRemovedAfterAll } from "./run-cli.js";

const freshDir = tempDirsRemovedAfterAll();

const STARTED = ["audit_started", "--audit", "A", "project=X", "slug=y", "phases_total=1"];
const SECRET = "S3cr3t-pw";

/** Runs the CLI in an empty working directory; resolves with its result and what it left there. */
async function runIn(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const cwd = await freshDir();
  const storageDir = await freshDir();
  const result = await runCli(args, storageDir, env, cwd);
  return { ...result, left: [...(await readdir(cwd)), ...(await readdir(storageDir))] };
}

describe("phaser-events with a --store that is a mistyped or unusable connection string", () => {
  it.each([
    ["postgress://ann:S3cr3t-pw@db.example/events", /"postgress:"/],
    ["postgresql:/ann:S3cr3t-pw@db.example/events", /"postgresql:" must be followed by "\/\/"/],
    ["http://ann:S3cr3t-pw@db.example/events", /"http:"/],
    ["postgres://ann:S3cr3t-pw/x@db.example/events", /percent-encode/],
    ["host=db.example user=ann passwrod=S3cr3t-pw", /"passwrod"/],
  ])("%s: exit 2 naming what is wrong, never the password, and no folder", async (store, says) => {
    for (const args of [
      ["emit", ...STARTED, "--store", store],
      ["list", "--store", store],
      ["doctor", "--store", store],
    ]) {
      const result = await runIn(args);
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(2);
      // doctor refuses any database: for a string that reads as one, it says that instead.
      if (args[0] !== "doctor" || !result.stderr.includes("JSON file store only")) {
        expect(result.stderr).toMatch(says);
      }
      expect(result.stderr).not.toContain(SECRET);
      expect(result.stdout).not.toContain(SECRET);
      expect(result.stderr).not.toMatch(/unexpected error/);
      expect(result.left, `${args[0]} created something`).toEqual([]);
    }
  });

  it("PHASER_DATABASE_URL with a mistyped scheme: exit 2, nothing created", async () => {
    const result = await runIn(["emit", ...STARTED], {
      PHASER_DATABASE_URL: "postgress://ann:S3cr3t-pw@db.example/events",
    });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/PHASER_DATABASE_URL: .*"postgress:"/);
    expect(result.stderr).not.toContain(SECRET);
    expect(result.left).toEqual([]);
  });

  it("a key=value string is a database: nothing listening is a failure (exit 1) without the password", async () => {
    const result = await runIn([
      "list",
      "--store",
      "host=127.0.0.1 port=1 dbname=events user=ann password=S3cr3t-pw",
    ]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/refused.*127\.0\.0\.1:1.*"events"/);
    expect(result.stderr).not.toContain(SECRET);
    expect(result.left).toEqual([]);
  });
});
