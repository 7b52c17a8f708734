import { writeFileSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchProject, benchProject, printedEvents, runAudit } from "../cli/audit-run.js";
import { type Finished, runNode } from "../cli/cli-process.js";
import { leftovers, ReadyServer } from "../cli/ready-server.js";
import { type BenchContext, judge } from "../config.js";
import { bytes, ms, ratio } from "../format.js";
import { type Contender, medianOf, roundRobin } from "../sampling.js";
import type { Report } from "../table.js";
import { now, sleep } from "../util.js";
import { overwriteFirstByte, writeFileOf } from "./r2-hash-big-file.js";

/** Issue 12: `run` exits within 2 s of a signal, whatever it is doing. */
const TARGET_MS = 2000;
/** After the step reported, before the signal: `run` is then hashing the big file. */
const HASHING_DELAY_MS = 100;

const COMMAND = fileURLToPath(new URL("./ready-command.js", import.meta.url));

interface Case {
  readonly name: string;
  readonly project: BenchProject;
  readonly signals: readonly NodeJS.Signals[];
  /** Wait after the command reported before the first signal. */
  readonly delayMs?: number;
  /** The phase_failed error the interrupt must cause (not checked at smoke sizes). */
  readonly error?: string;
  /** Before each run, outside the clock. */
  readonly prepare?: () => void;
}

/** The exit code `run` must end with: 128 + the first signal's number. */
function expectedCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/** R3: from a signal to `run`'s exit, with a command that ignores signals, and while hashing. */
export async function r3SignalExit(ctx: BenchContext): Promise<Report> {
  const ready = new ReadyServer();
  const env = { READY_PORT: String(await ready.listen()) };
  const command = (mode: string) => `node ${JSON.stringify(COMMAND)} ${mode}`;
  const STUBBORN = "a verify command that ignores it, with a child and a setsid grandchild";
  const verifying = (label: string, mode: string) =>
    benchProject(ctx.tmp, label, "true", [command(mode)]);
  const stubborn = verifying("r3-stubborn", "ignore");
  const hashing = benchProject(
    ctx.tmp,
    "r3-hashing",
    `printf x | dd of=data.bin bs=1 count=1 conv=notrunc status=none && ${command("exit")}`,
    // Reached only when the signal comes after the hashing (at smoke sizes it can): it is interrupted too.
    [command("obey")],
  );
  const bigFile = join(hashing.dir, "data.bin");
  writeFileOf(bigFile, ctx.sizes.r2FileBytes);
  const OBEDIENT = "baseline: SIGINT, a verify command that ends on it";
  const cases: Case[] = [
    { name: `SIGINT, ${STUBBORN}`, project: stubborn, signals: ["SIGINT"] },
    { name: "SIGTERM, the same command", project: stubborn, signals: ["SIGTERM"] },
    { name: "SIGHUP, the same command", project: stubborn, signals: ["SIGHUP"] },
    { name: "SIGQUIT, the same command", project: stubborn, signals: ["SIGQUIT"] },
    {
      name: "SIGINT twice, 100 ms apart, the same command",
      project: stubborn,
      signals: ["SIGINT", "SIGINT"],
    },
    {
      name: `SIGINT while run hashes a ${bytes(ctx.sizes.r2FileBytes)} file the step changed`,
      project: hashing,
      signals: ["SIGINT"],
      delayMs: HASHING_DELAY_MS,
      error: "Interrupted while recording file changes",
      prepare: () => overwriteFirstByte(bigFile, "0"),
    },
    { name: OBEDIENT, project: verifying("r3-obedient", "obey"), signals: ["SIGINT"] },
  ];
  const worst = new Map<string, number>();
  const left = new Map<string, number>();
  const checkRun = (c: Case, finished: Finished) => {
    const code = expectedCode(c.signals[0] as NodeJS.Signals);
    const events = printedEvents(finished);
    const last = events.at(-1);
    const failed = events.find((e) => e.type === "phase_failed")?.data.error;
    if (
      finished.code !== code ||
      last?.type !== "audit_abandoned" ||
      (c.error !== undefined && !ctx.smoke && failed !== c.error)
    )
      throw new Error(
        `R3: ${c.name}: exit ${finished.signal ?? finished.code} (expected ${code}), last event ${last?.type}, phase_failed ${JSON.stringify(failed)}: ${finished.stderr.slice(-1000)}`,
      );
  };
  const contenders: Contender[] = cases.map((c) => ({
    name: c.name,
    async sample() {
      c.prepare?.();
      const reported = ready.next();
      let pid = 0;
      const run = runAudit(c.project, { env, started: (p) => (pid = p) });
      const pids = await Promise.race([
        reported,
        run.then((f) =>
          Promise.reject(
            new Error(`R3: ${c.name}: run ended before its command reported: ${f.stderr}`),
          ),
        ),
      ]);
      if (c.delayMs !== undefined) await sleep(c.delayMs);
      const signalled = now();
      for (const [i, signal] of c.signals.entries()) {
        if (i > 0) await sleep(100);
        process.kill(pid, signal);
      }
      const finished = await run;
      checkRun(c, finished);
      const elapsed = finished.exitedAt - signalled;
      worst.set(c.name, Math.max(worst.get(c.name) ?? 0, elapsed));
      const running = await leftovers(pids);
      left.set(c.name, (left.get(c.name) ?? 0) + running.length);
      for (const p of running) process.kill(p, "SIGKILL");
      return elapsed;
    },
  }));

  // The floor: a Node process that ends on SIGINT, timed the same way (no audit, no command).
  const FLOOR = "floor: a node process that ends on SIGINT";
  const floorScript = join(ctx.tmp, "r3-floor.js");
  writeFileSync(
    floorScript,
    `require("node:net").connect(${env.READY_PORT}, "127.0.0.1").end("[]\\n"); setTimeout(() => {}, 120000);`,
  );
  contenders.push({
    name: FLOOR,
    async sample() {
      const reported = ready.next();
      let pid = 0;
      const run = runNode([floorScript], { cwd: ctx.tmp, tmp: ctx.tmp, started: (p) => (pid = p) });
      await reported;
      const signalled = now();
      process.kill(pid, "SIGINT");
      const finished = await run;
      if (finished.signal !== "SIGINT")
        throw new Error(`R3: the floor ended with ${finished.code}`);
      return finished.exitedAt - signalled;
    },
  });

  let times: Map<string, number[]>;
  try {
    times = await roundRobin(contenders, {
      samples: ctx.sizes.r3Samples,
      warmup: ctx.smoke ? 0 : 1,
    });
  } finally {
    ready.close();
  }
  const slowest = Math.max(...cases.map((c) => worst.get(c.name) ?? Number.POSITIVE_INFINITY));
  const baseline = medianOf(times, OBEDIENT);
  const leftOver = cases.reduce((sum, c) => sum + (left.get(c.name) ?? 0), 0);
  return {
    id: "R3",
    title: "from a signal to the exit of run",
    columns: [
      "signal, and what run is doing",
      "median",
      "slowest",
      "processes left",
      "÷ the baseline (median)",
    ],
    rows: [
      ...cases.map((c) => [
        c.name,
        ms(medianOf(times, c.name)),
        ms(worst.get(c.name) ?? Number.NaN),
        String(left.get(c.name) ?? 0),
        c.name === OBEDIENT ? "—" : ratio(medianOf(times, c.name) / baseline),
      ]),
      [FLOOR, ms(medianOf(times, FLOOR)), "—", "—", ratio(medianOf(times, FLOOR) / baseline)],
    ],
    target: `run exits within ${ms(TARGET_MS)} of each signal, with 128 + its number, the audit abandoned and no process of the command left`,
    ours: `slowest ${ms(slowest)}, ${leftOver} processes left`,
    met: judge(ctx, slowest <= TARGET_MS && leftOver === 0),
    notes: [
      `${ctx.sizes.r3Samples} samples per row after a warm-up round, rows alternating. Each sample starts the built CLI (\`phaser-events run --json\`), waits until the command reports its pids over TCP, signals run, and times until the parent sees run exit.`,
      "Every sample checks the exit code (130, 143, 129, 131) and that the last event printed is audit_abandoned; then that none of the command's processes runs a second later (processes left: summed over the samples).",
      "The stubborn command keeps running after SIGINT/SIGTERM: run signals its whole tree (the setsid grandchild too, found by an environment mark), waits 0.7 s, then SIGKILLs it. A second signal SIGKILLs at once.",
      `The hashing row signals ${HASHING_DELAY_MS} ms after the step reported and ended, while run reads the changed file to hash it (R2: about a second at full size).`,
    ],
  };
}
