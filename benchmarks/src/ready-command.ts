/**
 * The command R3 interrupts (dist/ready-command.js), as a plan's `run:` or `verify:` command:
 *
 *   node ready-command.js ignore|obey|exit
 *
 * `ignore`: ignores SIGINT, SIGTERM, SIGHUP and SIGQUIT, and starts a child that ignores them
 * too and a grandchild in a session of its own (setsid), which no process-group kill reaches.
 * `obey`: keeps Node's default handling (a signal ends it). Both then idle for two minutes.
 * `exit`: ends at once. Each reports its pids (and its descendants') to the bench's TCP server
 * (READY_PORT) once they all run.
 */
import { spawn } from "node:child_process";
import { connect } from "node:net";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"] as const;
const IGNORE = `for (const s of ${JSON.stringify(SIGNALS)}) process.on(s, () => {});`;
const IDLE_MS = 120_000;

function start(command: string, args: readonly string[]): Promise<number> {
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("spawn", () => resolve(child.pid as number));
  });
}

const mode = process.argv[2];
const pids = [process.pid];
if (mode === "ignore") {
  for (const signal of SIGNALS) process.on(signal, () => {});
  const idle = `${IGNORE} setTimeout(() => {}, ${IDLE_MS})`;
  pids.push(await start(process.execPath, ["-e", idle]));
  // setsid(1) execs node in place (a child of ours leads no process group), so this pid is the sleeper's.
  pids.push(await start("setsid", [process.execPath, "-e", idle]));
}
connect(Number(process.env.READY_PORT), "127.0.0.1").end(`${JSON.stringify(pids)}\n`);
if (mode !== "exit") setTimeout(() => {}, IDLE_MS);
