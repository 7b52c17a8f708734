import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../src/io/cli-io.js";
import { main } from "../src/main.js";
import { tempDirsRemovedAfterAll } from "./run-cli.js";

const freshDir = tempDirsRemovedAfterAll();

/** An io of buffers, in `cwd`, with only the variables given (colours off unless they say). */
function bufferIo(cwd: string, env: NodeJS.ProcessEnv) {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    env: { PATH: process.env.PATH, ...env },
    cwd,
  };
  return { io, out };
}

describe("main(args, io): phaser-events with a caller's streams, environment and folder", () => {
  it("starts relative paths at io.cwd: --store, PHASER_STORAGE_DIR, the plan, --cwd and --out", async () => {
    const here = await freshDir();
    await mkdir(join(here, "project"));
    await writeFile(
      join(here, "plan.yaml"),
      'project: p\nslug: s\nphases:\n  - title: one\n    verify:\n      - "true"\n',
    );
    const run = bufferIo(here, { PHASER_STORAGE_DIR: "from-env", NO_COLOR: "1" });
    expect(await main(["run", "plan.yaml", "--cwd", "project"], run.io), run.out.stderr).toBe(0);
    expect(existsSync(join(here, "from-env", "events.json"))).toBe(true);

    const exported = bufferIo(here, { NO_COLOR: "1" });
    const code = await main(
      ["export", "--store", "from-env", "--out", "out/audit.ndjson"],
      exported.io,
    );
    expect(code, exported.out.stderr).toBe(0);
    const lines = (await readFile(join(here, "out", "audit.ndjson"), "utf8")).trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).type)).toContain("audit_completed");
    expect(exported.out.stderr).toContain(join(here, "out", "audit.ndjson"));
  });

  it("keeps two commands running at once apart: each its own output, environment and exit code", async () => {
    const [a, b] = [await freshDir(), await freshDir()];
    const first = bufferIo(a, { PHASER_STORAGE_DIR: a, NO_COLOR: "1" });
    const second = bufferIo(b, { PHASER_STORAGE_DIR: b, FORCE_COLOR: "1" });
    const codes = await Promise.all([
      main(
        ["emit", "audit_started", "--audit", "A", "project=a", "slug=x", "phases_total=1"],
        first.io,
      ),
      main(["list", "--type", "no_such_type"], second.io),
    ]);
    expect(codes).toEqual([0, 2]);
    expect(first.out.stdout).toContain("audit_started");
    expect(first.out.stdout).not.toContain("\x1b[");
    expect(first.out.stderr).toBe("");
    expect(second.out.stdout).toBe("");
    expect(second.out.stderr).toContain("no_such_type");
    expect(existsSync(join(b, "events.json"))).toBe(false);
  });

  it("colours what it prints only where its own environment says so", async () => {
    const dir = await freshDir();
    const plain = bufferIo(dir, { PHASER_STORAGE_DIR: dir, NO_COLOR: "1" });
    const coloured = bufferIo(dir, { PHASER_STORAGE_DIR: dir, FORCE_COLOR: "1" });
    const emit = ["emit", "audit_started", "--audit", "A", "project=a", "slug=x", "phases_total=1"];
    expect(await main(emit, coloured.io)).toBe(0);
    expect(await main(["list"], plain.io)).toBe(0);
    expect(await main(["list"], coloured.io)).toBe(0);
    expect(plain.out.stdout).not.toContain("\x1b[");
    expect(coloured.out.stdout).toContain("\x1b[");
  });
});
