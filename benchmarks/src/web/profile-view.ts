/**
 * Where W1's audit view spends its time (dist/web-profile.js): loads the view
 * of W1's big audit once untimed, then once with V8's sampling profiler on in
 * the page, and prints (markdown) the functions with the most self time up to
 * "interactive", and which parts of the page hold its elements.
 *
 *   node dist/web-profile.js [events]     # default 5000, W1's size
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "@phaser/browser-test-kit";
import { bigAudit, serve } from "../targets/w1-page-load.js";
import { QUIET_MS, VIEWPORT } from "./page-load.js";
import { measureInteractive, type PageLoadTiming, RECORD_LONG_TASKS } from "./page-scripts.js";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Parts of the audit view, by selector: the elements under each. */
const PARTS = [
  ".gantt",
  ".gantt-row",
  ".gantt button.bar",
  "table.event-table",
  "table.event-table tbody tr",
  ".detail",
  ".audit-side",
] as const;

/** Self time per function (ms), most first. */
function selfTimes(profile: Profile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const file = frame?.url.split("/").at(-1) ?? "";
    const key = `${frame?.functionName || "(anonymous)"} ${file === "" ? "" : `${file}:${(frame?.lineNumber ?? 0) + 1}:${(frame?.columnNumber ?? 0) + 1}`}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 5000);
  const dir = await mkdtemp(join(tmpdir(), "phaser-web-profile-"));
  const big = bigAudit(events);
  const served = await serve(dir, big.records);
  const session = await launchChromium();
  try {
    const url = new URL(`?audit=${big.auditIds[0]}`, served.url).href;
    const selectors = ["table.event-table tbody tr", ".gantt button.bar"];
    for (const profiled of [false, true]) {
      const page = await session.newPage({ viewport: VIEWPORT });
      await page.addInitScript(RECORD_LONG_TASKS);
      // A same-origin page first, so the view's navigation stays in the profiled renderer.
      await page.goto(new URL("/api/none", served.url).href);
      const cdp = await page.context().newCDPSession(page);
      if (profiled) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
        await cdp.send("Profiler.start");
      }
      await page.goto(url, { waitUntil: "commit" });
      const timing = (await page.evaluate(
        measureInteractive(selectors, QUIET_MS),
      )) as PageLoadTiming;
      if (!profiled) {
        await page.context().close();
        continue;
      }
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
      const parts = (await page.evaluate(
        `${JSON.stringify(PARTS)}.map((s) => [s, document.querySelectorAll(s).length, [...document.querySelectorAll(s)].reduce((n, e) => n + e.getElementsByTagName("*").length, 0)])`,
      )) as [string, number, number][];
      console.log(`Audit view of ${events} events, one profiled load (the profiler slows it):`);
      console.log(
        `content ${timing.content.toFixed(0)} ms, interactive ${timing.interactive.toFixed(0)} ms, data received ${timing.dataReceived.toFixed(0)} ms, ${timing.elements} elements\n`,
      );
      console.log("| function (self time) | ms |\n|---|---:|");
      for (const [key, msSelf] of selfTimes(profile).slice(0, 20)) {
        console.log(`| ${key} | ${msSelf.toFixed(1)} |`);
      }
      console.log("\n| part | matches | elements inside |\n|---|---:|---:|");
      for (const [selector, matches, inside] of parts) {
        console.log(`| \`${selector}\` | ${matches} | ${inside} |`);
      }
      await page.context().close();
    }
  } finally {
    await session.close();
    await served.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
