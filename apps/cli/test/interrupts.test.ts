import { readFileSync } from "node:fs";
import { access } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRunning } from "./process-state.js";
import { projectRepo, writePlan } from "./project-repo.js";
import { readStore, runCli, type StoredRecord, startCli, tempDir } from "./run-cli.js";

const STUBBORN = fileURLToPath(new URL("./fixtures/processes/stubborn.mjs", import.meta.url));
const REPORT = fileURLToPath(new URL("./fixtures/processes/report.mjs", import.meta.url));

/** Bytes a process has read so far (Linux: `rchar` in /proc/<pid>/io). */
function bytesRead(pid: number): number {
  const match = readFileSync(`/proc/${pid}/io`, "utf8").match(/^rchar: (\d+)$/m);
  return Number(match?.[1] ?? 0);
}
const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGQUIT: 3 } as const;

/** The pids the stubborn command reports, one report per command started. */
const reports: Array<(pids: number[]) => void> = [];
const server = createServer((socket) => {
  let text = "";
  socket.setEncoding("utf8").on("data", (chunk: string) => {
    text += chunk;
  });
  socket.on("end", () => {
    const { self, child, detached } = JSON.parse(text) as Record<string, number>;
    reports.shift()?.([self, child, detached] as number[]);
  });
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function nextReport(): Promise<number[]> {
  return new Promise((resolve) => reports.push(resolve));
}

/** Every audit in the store has its end event; the last events close the interrupted phase. */
function expectClosedAudit(records: readonly StoredRecord[]): void {
  const types = records.map((r) => r.type);
  expect(types.at(-1)).toBe("audit_abandoned");
  expect(records.at(-1)?.data).toMatchObject({ reason: "user_request" });
  expect(types).toContain("phase_failed");
  expect(records.find((r) => r.type === "phase_failed")?.data.error).toMatch(/Interrupted/);
}

async function stubbornRun(storageDir: string, extraPhases = 0) {
  const cwd = await projectRepo({ "a.txt": "a\n" });
  const plan = await writePlan({
    project: "p",
    slug: "s",
    phases: [
      { title: "Stubborn", verify: [`node ${STUBBORN}`] },
      ...Array.from({ length: extraPhases }, (_, i) => ({ title: `Later ${i}`, verify: [] })),
    ],
  });
  const ready = nextReport();
  const cli = startCli(["run", plan, "--cwd", cwd], storageDir, {
    env: { READY_PORT: String(port) },
  });
  return { cli, pids: await ready };
}

describe("phaser-events run, interrupted while a command ignores signals", () => {
  it.each(Object.entries(SIGNAL_NUMBERS))(
    "%s kills the whole tree (setsid grandchild too), closes the audit and exits 128 + %i",
    async (signal, number) => {
      const storageDir = await tempDir();
      const { cli, pids } = await stubbornRun(storageDir, 1);
      // At a random moment of the command's life.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      const sent = Date.now();
      cli.child.kill(signal as NodeJS.Signals);
      const result = await cli.done;
      const took = Date.now() - sent;
      expect(result.code, result.stderr).toBe(128 + number);
      // It does not wait for the command's minute. (The 2 s bound is kept by a deadline in run itself;
      // a wall-clock bound here would fail on a loaded machine.)
      expect(took).toBeLessThan(10_000);
      for (const pid of pids) expect(isRunning(pid), `pid ${pid} survived`).toBe(false);
      expectClosedAudit((await readStore(storageDir)).events);
    },
    30_000,
  );

  it("a second Ctrl-C kills the tree at once, and the audit is still closed", async () => {
    const storageDir = await tempDir();
    const { cli, pids } = await stubbornRun(storageDir);
    cli.child.kill("SIGINT");
    cli.child.kill("SIGINT");
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(130);
    for (const pid of pids) expect(isRunning(pid), `pid ${pid} survived`).toBe(false);
    expectClosedAudit((await readStore(storageDir)).events);
  }, 30_000);
});

describe("phaser-events run, interrupted while it reads the project", () => {
  it("stops hashing a large file at Ctrl-C and closes the audit", async () => {
    const storageDir = await tempDir();
    const cwd = await projectRepo({ "a.txt": "a\n" });
    // 900 MB of a sparse file: no disk, but SHA-1 of every byte (over 1 GiB, only size and times).
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [
        {
          title: "Writes a big file",
          run: `truncate -s 900M big.bin && node ${REPORT}`,
          verify: ["true"],
        },
      ],
    });
    const reported = nextReport();
    const cli = startCli(["run", plan, "--cwd", cwd], storageDir, {
      env: { READY_PORT: String(port) },
    });
    await reported;
    const pid = cli.child.pid ?? 0;
    const before = bytesRead(pid);
    // Wait until it has read 64 MiB of the file: it is hashing (no event says so; poll /proc).
    while (bytesRead(pid) - before < 64 * 1024 * 1024) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    cli.child.kill("SIGINT");
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(130);
    const records = (await readStore(storageDir)).events;
    expectClosedAudit(records);
    expect(records.find((r) => r.type === "phase_failed")?.data.error).toBe(
      "Interrupted while recording file changes",
    );
    expect(records.map((r) => r.type)).not.toContain("file_created");
  }, 60_000);
});

describe("phaser-events run killed with SIGKILL", () => {
  it("leaves its command running and its audit open, which doctor reports as a warning", async () => {
    const storageDir = await tempDir();
    const { cli, pids } = await stubbornRun(storageDir);
    try {
      cli.child.kill("SIGKILL");
      expect((await cli.done).code).toBe(null);
      // Nothing can run in a killed process: the command goes on (documented).
      expect(pids.filter(isRunning)).toEqual(pids);
      const records = (await readStore(storageDir)).events;
      expect(records.map((r) => r.type)).not.toContain("audit_abandoned");

      const doctor = await runCli(["doctor"], storageDir);
      expect(doctor.code, doctor.stderr).toBe(0);
      expect(doctor.stdout).toMatch(
        new RegExp(`! warning {2}audit ${records[0]?.audit_id} \\(p · s\\) has no end event`),
      );
      const json = JSON.parse((await runCli(["doctor", "--json"], storageDir)).stdout);
      expect(json.openAudits).toMatchObject([{ auditId: records[0]?.audit_id, outcome: null }]);
    } finally {
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Gone.
        }
      }
    }
  }, 30_000);
});

describe("phaser-events run and processes that keep a command's output open", () => {
  it("stops what a command leaves behind, and --timeout bounds a command whose setsid descendant holds its output", async () => {
    const storageDir = await tempDir();
    const cwd = await projectRepo({ ".gitignore": "pids\n" });
    const holder = `setsid sh -c 'echo $$ >> pids; exec sleep 60' &`;
    const plan = await writePlan({
      project: "p",
      slug: "s",
      phases: [
        { title: "Leaves a sleeper behind", verify: [`${holder} echo started`] },
        { title: "Outlives the timeout", verify: [`${holder} exec sleep 60`] },
      ],
    });
    const cli = startCli(["run", plan, "--cwd", cwd, "--timeout", "2"], storageDir);
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(1);
    const records = (await readStore(storageDir)).events;
    expect(records.filter((r) => r.type === "verification_passed")).toHaveLength(1);
    expect(records.find((r) => r.type === "verification_failed")?.data).toMatchObject({
      exit_code: 124,
    });
    expect(records.at(-1)).toMatchObject({ type: "audit_abandoned", data: { reason: "timeout" } });
    const sleepers = readFileSync(join(cwd, "pids"), "utf8").trim().split("\n").map(Number);
    expect(sleepers).toHaveLength(2);
    for (const pid of sleepers) expect(isRunning(pid), `sleeper ${pid} survived`).toBe(false);
    // Well under the sleepers' minute: the timeout and the leftovers' grace, not their sleep.
    const took =
      Date.parse(records.at(-1)?.timestamp ?? "") - Date.parse(records[0]?.timestamp ?? "");
    expect(took).toBeLessThan(20_000);
  }, 60_000);
});

describe("phaser-events demo, interrupted", () => {
  it("closes the audit it is running, starts no other, removes its temporary project and exits 130", async () => {
    const storageDir = await tempDir();
    const cli = startCli(["demo"], storageDir);
    await cli.waitFor(/two audits of a project in (\S+)/);
    const workspace = cli.stdout().match(/two audits of a project in (\S+)/)?.[1] ?? "";
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1500));
    cli.child.kill("SIGINT");
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(130);
    await expect(access(workspace)).rejects.toThrow();
    const records = (await readStore(storageDir)).events;
    const started = records.filter((r) => r.type === "audit_started").map((r) => r.audit_id);
    const ended = records
      .filter((r) => r.type === "audit_completed" || r.type === "audit_abandoned")
      .map((r) => r.audit_id);
    expect(ended.sort()).toEqual(started.sort());
  }, 60_000);
});
