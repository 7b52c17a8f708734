import {
  createTestDatabase,
  startTestServer,
  stopTestServer,
  type TestServerInfo,
} from "@phaser/postgres-test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { node, projectRepo, writePlan } from "./project-repo.js";
import { runCli, startCli, tempDir } from "./run-cli.js";

/** What `GET /api/audits` answers (the fields these tests read). */
type AuditsBody = { position: number; audits: { auditId: string }[] };

// A real PostgreSQL server for the whole file. In CI a server that cannot start fails the
// suite; on a developer machine without PostgreSQL the tests are skipped with the reason.
let server: TestServerInfo | undefined;
let unavailable = "";
beforeAll(async () => {
  try {
    server = await startTestServer();
  } catch (error) {
    unavailable = `cannot start a PostgreSQL test server: ${(error as Error).message}`;
    if (process.env.CI) throw new Error(`${unavailable}\nCI must run the PostgreSQL tests.`);
    console.warn(`\n[events-cli] SKIPPING the PostgreSQL CLI tests: ${unavailable}\n`);
  }
}, 120_000);
afterAll(async () => {
  if (server !== undefined) await stopTestServer(server);
}, 60_000);

let databases = 0;
/** A fresh database on the server, as the URL the CLI takes. */
async function database(): Promise<string> {
  return createTestDatabase(server as TestServerInfo, `cli_${process.pid}_${databases++}`);
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "");
const pgIt = (name: string, test: () => Promise<void>, timeout?: number) =>
  it(
    name,
    async (context) => {
      if (server === undefined) {
        context.skip(unavailable);
        return;
      }
      await test();
    },
    timeout,
  );

describe("phaser-events against PostgreSQL", () => {
  pgIt(
    "--store postgres://… emits and lists, with PHASER_DATABASE_URL the same and --store DIR over it",
    async () => {
      const url = await database();
      const storageDir = await tempDir();
      const emitted = await runCli(
        [
          "emit",
          "audit_started",
          "--audit",
          "pg-audit",
          "--store",
          url,
          "--json",
          "project=P",
          "slug=s",
          "phases_total=2",
        ],
        storageDir,
      );
      expect(emitted.code, emitted.stderr).toBe(0);
      const record = JSON.parse(emitted.stdout);
      expect(record.data).toEqual({ project: "P", slug: "s", phases_total: 2 });

      const viaEnv = await runCli(["list", "--json"], storageDir, { PHASER_DATABASE_URL: url });
      expect(viaEnv.code, viaEnv.stderr).toBe(0);
      expect(lines(viaEnv.stdout).map((line) => JSON.parse(line))).toEqual([record]);
      // --store DIR wins over the environment: the JSON store there is empty.
      const dir = await runCli(["list", "--json", "--store", storageDir], storageDir, {
        PHASER_DATABASE_URL: url,
      });
      expect([dir.code, dir.stdout]).toEqual([0, ""]);
    },
  );

  pgIt(
    "tail --follow prints what a run in another process stores, and stops on SIGINT",
    async () => {
      const url = await database();
      const storageDir = await tempDir();
      const env = { PHASER_DATABASE_URL: url };
      const cwd = await projectRepo({ "a.txt": "a\n" });
      const plan = await writePlan({
        project: "p",
        slug: "team",
        phases: [
          {
            title: "t",
            run: node(`require("fs").writeFileSync("b.txt", "b")`),
            verify: [node("process.exit(0)")],
          },
        ],
      });
      await runCli(
        ["emit", "audit_started", "--audit", "first", "project=p", "slug=s", "phases_total=0"],
        storageDir,
        env,
      );
      const tail = startCli(["tail", "--follow", "--json", "-n", "1"], storageDir, { env });
      await tail.waitFor(/"first"/);
      const run = await runCli(["run", plan, "--cwd", cwd], storageDir, env);
      expect(run.code, run.stderr).toBe(0);
      await tail.waitFor(/audit_completed/);
      tail.child.kill("SIGINT");
      const result = await tail.done;
      expect(result.code).toBe(0);
      const types = lines(result.stdout).map((line) => JSON.parse(line).type);
      expect(types).toEqual([
        "audit_started",
        "audit_started",
        "phase_started",
        "file_created",
        "verification_passed",
        "phase_completed",
        "audit_completed",
      ]);
    },
    60_000,
  );

  pgIt(
    "migrate reports the schema version; doctor says it only reads JSON files (exit 2)",
    async () => {
      const url = await database();
      const storageDir = await tempDir();
      const migrated = await runCli(["migrate", "--json", "--store", url], storageDir);
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(JSON.parse(migrated.stdout)).toMatchObject({ to: expect.any(Number) });
      const doctor = await runCli(["doctor", "--store", url], storageDir);
      expect(doctor.code).toBe(2);
      expect(doctor.stderr).toContain("doctor works on the JSON file store only");
    },
  );

  pgIt("--store takes a key=value connection string, password quoted", async () => {
    const url = new URL(await database());
    const info = server as TestServerInfo;
    const store = `host=127.0.0.1 port=${info.port} dbname=${url.pathname.slice(1)} user=${info.user} password='${info.password}'`;
    const storageDir = await tempDir();
    const emitted = await runCli(
      [
        "emit",
        "audit_started",
        "--audit",
        "kv",
        "--store",
        store,
        "--json",
        "project=P",
        "slug=s",
        "phases_total=1",
      ],
      storageDir,
    );
    expect(emitted.code, emitted.stderr).toBe(0);
    const listed = await runCli(["list", "--json"], storageDir, { PHASER_DATABASE_URL: store });
    expect(listed.code, listed.stderr).toBe(0);
    expect(lines(listed.stdout).map((line) => JSON.parse(line))).toEqual([
      JSON.parse(emitted.stdout),
    ]);
  });

  pgIt(
    "a wrong password is a failure (exit 1) naming host and database, never the password",
    async () => {
      const url = new URL(await database());
      url.password = "not-the-Secret-42";
      const storageDir = await tempDir();
      const result = await runCli(["list", "--store", url.href], storageDir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(url.hostname);
      expect(result.stderr).toContain(url.pathname.slice(1));
      expect(result.stderr).not.toContain("not-the-Secret-42");
      expect(result.stderr).not.toMatch(/unexpected error/);
    },
  );

  pgIt("serve lists the database's audits and streams what another process emits", async () => {
    const url = await database();
    const storageDir = await tempDir();
    const env = { PHASER_DATABASE_URL: url };
    const emit = (audit: string, type: string, ...fields: string[]) =>
      runCli(["emit", type, "--audit", audit, "--json", ...fields], storageDir, env);
    const first = await emit("first", "audit_started", "project=p", "slug=s", "phases_total=1");
    expect(first.code, first.stderr).toBe(0);
    const serve = startCli(["serve", "--port", "0"], storageDir, { env });
    await serve.waitFor(/\n/);
    const served = new URL(serve.stdout().split("\n")[0] as string);
    const audits = (await (await fetch(new URL("api/audits", served))).json()) as AuditsBody;
    expect(audits.audits.map((a) => a.auditId)).toEqual(["first"]);
    const stream = await fetch(new URL(`api/stream?after=${audits.position}`, served));
    const reader = (stream.body as ReadableStream<Uint8Array>)
      .pipeThrough(new TextDecoderStream())
      .getReader();
    const second = await emit("first", "phase_started", "--phase", "1", "description=d", "file=f");
    expect(second.code, second.stderr).toBe(0);
    const id = JSON.parse(second.stdout).id as string;
    let received = "";
    while (!received.includes(id)) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value;
    }
    expect(received).toMatch(new RegExp(`event: record\\n(?:.*\\n)*?data: .*"${id}"`));
    await reader.cancel();
    serve.child.kill("SIGINT");
    expect((await serve.done).code).toBe(0);
  });
});
