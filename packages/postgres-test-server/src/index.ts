/**
 * A throwaway PostgreSQL server for tests and benchmarks
 * (`@phaser/postgres-test-server`, private to this repository).
 * It runs the machine's `initdb`, `pg_ctl` and `postgres` in a temporary
 * directory, listens on a Unix socket there and on a free loopback TCP port,
 * and has a role with a password for TCP connections. As root (CI), the
 * server runs as the `postgres` system user, since `initdb` refuses root.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** What a started server is: plain data, so vitest can hand it from globalSetup to test files. */
export interface TestServerInfo {
  readonly binDir: string;
  readonly dir: string;
  readonly dataDir: string;
  readonly socketDir: string;
  readonly port: number;
  /** The role tests connect as over TCP, with a password. */
  readonly user: string;
  readonly password: string;
  /** The system user the server runs as, when not the current one. */
  readonly runAs: string | undefined;
}

/** The directory holding `initdb` and `pg_ctl`: PATH first, then /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin(): string | undefined {
  const candidates = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  const lib = "/usr/lib/postgresql";
  if (existsSync(lib)) {
    const versions = readdirSync(lib).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(lib, v, "bin")));
  }
  return candidates.find(
    (dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")),
  );
}

/** Starts a server; throws with the reason when it cannot. */
export async function startTestServer(): Promise<TestServerInfo> {
  const binDir = findPostgresBin();
  if (binDir === undefined) {
    throw new Error(
      "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin",
    );
  }
  const runAs = process.getuid?.() === 0 ? "postgres" : undefined;
  const dir = await mkdtemp(join(tmpdir(), "phaser-pg-"));
  const info: TestServerInfo = {
    binDir,
    dir,
    dataDir: join(dir, "data"),
    socketDir: dir,
    port: await freePort(),
    user: "phaser",
    password: `pw-${globalThis.crypto.randomUUID()}`,
    runAs,
  };
  try {
    const pwfile = join(dir, "pwfile");
    await writeFile(pwfile, `${info.password}\n`, { mode: 0o600 });
    if (runAs !== undefined) {
      const { stdout } = await run("id", ["-u", runAs]);
      const { stdout: gid } = await run("id", ["-g", runAs]);
      await chown(dir, Number(stdout), Number(gid));
      await chown(pwfile, Number(stdout), Number(gid));
    }
    await pgTool(info, "initdb", [
      "-D",
      info.dataDir,
      "-U",
      "postgres",
      "--pwfile",
      pwfile,
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
      "-E",
      "UTF8",
      "--no-sync",
    ]);
    await rm(pwfile);
    await pgCtl(info, "start");
    const admin = adminClient(info);
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${info.user} LOGIN CREATEDB PASSWORD '${info.password}'`);
    } finally {
      await admin.end();
    }
    return info;
  } catch (error) {
    await stopTestServer(info).catch(() => undefined);
    throw error;
  }
}

/** `postgres://user:password@127.0.0.1:port/database`: TCP with password authentication. */
export function testServerUrl(info: TestServerInfo, database: string): string {
  return `postgres://${info.user}:${encodeURIComponent(info.password)}@127.0.0.1:${info.port}/${database}`;
}

/** A superuser client over the Unix socket (trust). Connect it yourself. */
export function adminClient(info: TestServerInfo, database = "postgres"): pg.Client {
  return new pg.Client({ host: info.socketDir, port: info.port, user: "postgres", database });
}

/** Creates a database owned by the test role and returns its URL. */
export async function createTestDatabase(info: TestServerInfo, name: string): Promise<string> {
  const admin = adminClient(info);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" OWNER ${info.user}`);
  } finally {
    await admin.end();
  }
  return testServerUrl(info, name);
}

/** `pg_ctl restart`: every connection is dropped; resolves once the server accepts connections again. */
export async function restartTestServer(info: TestServerInfo): Promise<void> {
  await pgCtl(info, "restart", ["-m", "fast"]);
}

/** Stops the server (immediately) and removes its directory. */
export async function stopTestServer(info: TestServerInfo): Promise<void> {
  try {
    if (existsSync(join(info.dataDir, "postmaster.pid"))) {
      await pgTool(info, "pg_ctl", ["stop", "-D", info.dataDir, "-m", "immediate", "-w"]);
    }
  } finally {
    await rm(info.dir, { recursive: true, force: true });
  }
}

function pgCtl(info: TestServerInfo, action: string, extra: readonly string[] = []) {
  const options = `-k ${info.socketDir} -p ${info.port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  return pgTool(info, "pg_ctl", [
    action,
    "-D",
    info.dataDir,
    "-l",
    join(info.dir, "server.log"),
    "-w",
    "-t",
    "60",
    "-o",
    options,
    ...extra,
  ]);
}

async function pgTool(info: TestServerInfo, tool: string, args: readonly string[]): Promise<void> {
  const binary = join(info.binDir, tool);
  const [command, argv] =
    info.runAs === undefined
      ? [binary, args]
      : ["runuser", ["-u", info.runAs, "--", binary, ...args]];
  try {
    await run(command, [...argv], { cwd: info.dir, timeout: 120_000 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${tool} ${args[0]} failed: ${(stderr || stdout || String(error)).trim()}`);
  }
}

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
