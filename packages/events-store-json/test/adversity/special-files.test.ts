import { execFileSync } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  type Stats,
  symlinkSync,
  watch,
} from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { makeRecord } from "@phaser/events-storage-testkit";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { JsonFileStorage } from "../../src/index.js";
import { removeTempDirs, tempDir } from "../helpers.js";
import { type FixtureProcess, spawnFixture } from "../process/helpers.js";
import {
  ackedIds,
  ackedMoreThan,
  notExactlyOnce,
  readLockOwner,
  spawnWriter,
  stopWhileHoldingLock,
  stopWriter,
} from "./helpers.js";

afterAll(removeTempDirs);

const running: FixtureProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) {
    child.child.kill("SIGCONT");
    child.child.kill("SIGKILL");
  }
});

/** How long an operation on a special file may take: "at once", with room for a loaded machine. */
const PROMPT_MS = 1000;
/** A probe still running after this long hangs on the file: it is killed and the test fails. */
const HANG_MS = 10_000;

interface ProbeResult {
  readonly op: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly code?: string;
  readonly message?: string;
  readonly report?: {
    readonly refused: { readonly code: string } | null;
    readonly problems: readonly { readonly code: string; readonly severity: string }[];
    readonly healthy: boolean;
  };
}

/**
 * Runs the operations `ops` of the BUILT store on `path`, all at once, in a
 * process of their own (test/fixtures/probe-events-path.mjs): one that hangs
 * on the file is killed after {@link HANG_MS} instead of hanging the test run.
 * Resolves with their results in the order of `ops`.
 */
async function probe(path: string, ops: readonly string[]): Promise<ProbeResult[]> {
  // Its heap is capped so that a store reading /dev/zero fails fast instead of eating memory.
  const child = spawnFixture("probe-events-path.mjs", [path, ...ops], {
    wrapper: ["env", "NODE_OPTIONS=--max-old-space-size=256"],
  });
  running.push(child);
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<"hung">((resolve) => {
    timer = setTimeout(() => resolve("hung"), HANG_MS);
  });
  const exit = await Promise.race([child.closed, hung]);
  clearTimeout(timer);
  const results = child.lines.map((line) => JSON.parse(line) as ProbeResult);
  const unsettled = ops.filter((op) => !results.some((result) => result.op === op));
  if (exit === "hung") {
    child.child.kill("SIGKILL");
    const what = unsettled.length > 0 ? unsettled.join(", ") : `the process (${ops.join(", ")})`;
    throw new Error(`${what} on ${path} still had not settled after ${HANG_MS} ms: it hangs`);
  }
  if (exit.code !== 0 || unsettled.length > 0) {
    throw new Error(`${ops.join(", ")} probe ended ${exit.signal ?? exit.code}: ${child.stderr()}`);
  }
  return ops.map((op) => results.find((result) => result.op === op) as ProbeResult);
}

function kindOf(info: Stats): string {
  if (info.isSymbolicLink()) return "symlink";
  if (info.isFIFO()) return "fifo";
  if (info.isDirectory()) return "directory";
  return info.isFile() ? "file" : "other";
}

/** Run after each test: closes what a test opened. */
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

const specialFiles: [string, (path: string, dir: string) => unknown][] = [
  ["a FIFO", (path) => execFileSync("mkfifo", [path])],
  [
    "a symlink to a FIFO",
    (path, dir) => {
      execFileSync("mkfifo", [join(dir, "fifo")]);
      symlinkSync(join(dir, "fifo"), path);
    },
  ],
  ["a symlink to /dev/zero", (path) => symlinkSync("/dev/zero", path)],
  [
    "a symlink loop",
    (path, dir) => {
      symlinkSync(join(dir, "loop-b"), path);
      symlinkSync(path, join(dir, "loop-b"));
    },
  ],
  ["a directory", (path) => mkdirSync(path)],
  [
    "a Unix socket",
    async (path) => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(path, resolve));
      closers.push(() => server.close());
    },
  ],
];

describe("special files at the events path", () => {
  for (const [what, make] of specialFiles) {
    it(`refuses ${what} at once with UNSUPPORTED_FILE and changes nothing`, async () => {
      const dir = tempDir();
      const path = join(dir, "events.json");
      await make(path, dir);
      const listing = readdirSync(dir).sort();
      const kind = kindOf(lstatSync(path));

      const [read, append, inspect] = await probe(path, ["getEvents", "appendEvent", "inspect"]);
      for (const result of [read, append]) {
        expect(result?.ok, `${result?.op}`).toBe(false);
        expect(result?.code, `${result?.op}: ${result?.message}`).toBe("UNSUPPORTED_FILE");
        expect(result?.message, `${result?.op}`).toContain(path);
        expect(result?.ms, `${result?.op} took`).toBeLessThan(PROMPT_MS);
      }
      // inspectJsonStore reports what it found instead of throwing.
      expect(inspect?.ok, `inspect: ${inspect?.message}`).toBe(true);
      expect(inspect?.ms, "inspect took").toBeLessThan(PROMPT_MS);
      expect(inspect?.report?.refused?.code).toBe("UNSUPPORTED_FILE");
      expect(inspect?.report?.healthy).toBe(false);
      expect(inspect?.report?.problems.some((p) => p.severity === "error")).toBe(true);

      expect(readdirSync(dir).sort(), "files left beside it").toEqual(listing);
      expect(kindOf(lstatSync(path))).toBe(kind);
    }, 30_000);
  }

  it("follows a dangling file symlink: the first append creates the target, and the link stays", async () => {
    const dir = tempDir();
    const link = join(dir, "events.json");
    const real = join(dir, "real", "store.json");
    symlinkSync(join("real", "store.json"), link);
    const record = makeRecord();
    await new JsonFileStorage({ path: link }).appendEvent(record);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await new JsonFileStorage({ path: real }).getEvents()).toEqual([record]);
    expect(readdirSync(dir).sort()).toEqual(["events.json", "real"]);
  });

  it("follows a file symlink: both paths share the real file and its lock, and the link stays", async () => {
    const dir = tempDir();
    const link = join(dir, "events.json");
    const real = join(dir, "real", "store.json");
    const first = makeRecord();
    await new JsonFileStorage({ path: real }).appendEvent(first);
    symlinkSync(join("real", "store.json"), link);
    const created: string[] = [];
    const watcher = watch(dir, (_event, name) => {
      if (name !== null) created.push(name);
    });

    try {
      const viaLink = spawnWriter(link, { inFlight: 5, maxPadding: 2000 });
      const viaReal = spawnWriter(real, { inFlight: 5, maxPadding: 2000, count: 200 });
      running.push(viaLink, viaReal);
      await Promise.all([ackedMoreThan(viaLink, 0), ackedMoreThan(viaReal, 0)]);

      // The writer that opened the link locks the real file: catch it holding that lock.
      const owner = await stopWhileHoldingLock(viaLink, `${real}.lock`);
      expect(owner.pid).toBe(viaLink.child.pid);
      expect(readdirSync(dir).filter((name) => name.includes(".lock"))).toEqual([]);
      viaLink.child.kill("SIGCONT");

      expect(await viaReal.closed, viaReal.stderr()).toEqual({ code: 0, signal: null });
      stopWriter(viaLink);
      expect(await viaLink.closed, viaLink.stderr()).toEqual({ code: 0, signal: null });
      expect(ackedIds(viaReal)).toHaveLength(200);
      const acked = [first.id, ...ackedIds(viaLink), ...ackedIds(viaReal)];
      const file = JSON.parse(readFileSync(real, "utf8")) as { events: { id: string }[] };
      const ids = file.events.map((event) => event.id);
      expect(notExactlyOnce(acked, ids)).toEqual([]);
      expect(ids).toHaveLength(acked.length);

      // A rewrite through the link (a clear renames a new file in) replaces the real file, not the link.
      const kept = await new JsonFileStorage({ path: real }).getEvents();
      const cut = kept[100]?.timestamp ?? "";
      const removed = await new JsonFileStorage({ path: link }).clearEvents({ before: cut });
      expect(removed).toBeGreaterThan(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(join("real", "store.json"));
      const left = await new JsonFileStorage({ path: real }).getEvents();
      expect(left).toEqual(kept.filter((record) => record.timestamp >= cut));
      expect(left).toHaveLength(kept.length - removed);
    } finally {
      watcher.close();
    }
    const beside = created.filter((name) => name.includes(".lock") || name.endsWith(".tmp"));
    expect(beside, "lock or temp files made beside the link").toEqual([]);
    expect(await readLockOwner(`${real}.lock`)).toBeUndefined();
  }, 60_000);
});

describe("a FIFO at the lock path (events.json.lock)", () => {
  it("is refused without hanging: a typed error, at the latest after lockTimeoutMs", async () => {
    const dir = tempDir();
    const path = join(dir, "events.json");
    await new JsonFileStorage({ path }).appendEvent(makeRecord());
    const before = readFileSync(path);
    execFileSync("mkfifo", [`${path}.lock`]);

    const [append, inspect] = await probe(path, ["appendEvent", "inspect"]);
    // The probe's store waits at most 5 s for a lock (lockTimeoutMs: 5000).
    expect(append?.ok, "appendEvent").toBe(false);
    expect(["UNSUPPORTED_FILE", "LOCK_TIMEOUT"], String(append?.message)).toContain(append?.code);
    expect(append?.ms).toBeLessThan(6000);
    expect(inspect?.ok, `inspect: ${inspect?.message}`).toBe(true);
    expect(inspect?.ms, "inspect took").toBeLessThan(PROMPT_MS);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(kindOf(lstatSync(`${path}.lock`))).toBe("fifo");
  }, 30_000);
});
