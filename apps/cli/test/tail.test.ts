import { describe, expect, it } from "vitest";
import { copyOfDemoStore } from "./demo-store.js";
import { node, projectRepo, writePlan } from "./project-repo.js";
import { readStore, runCli, startCli, tempDirsRemovedAfterAll } from "./run-cli.js";

const lines = (text: string) => text.split("\n").filter((line) => line !== "");
const freshDir = tempDirsRemovedAfterAll();
/** A store holding the demo's two audits (the abandoned one started last), in a folder of its own. */
const demoStore = async () => copyOfDemoStore(await freshDir());

describe("phaser-events tail", () => {
  it("--follow prints what a second process appends, in order, and stops cleanly on SIGINT", async () => {
    const storageDir = await demoStore();
    const cwd = await projectRepo({ "a.txt": "a\n" });
    const before = (await readStore(storageDir)).events;

    const tail = startCli(["tail", "--follow", "--json", "-n", "1"], storageDir);
    // The history (the last stored event) is printed once the watch has started.
    await tail.waitFor(new RegExp(before.at(-1)?.id as string));
    const second = await writePlan({
      project: "p",
      slug: "second",
      phases: [
        { title: "t", verify: [node("process.exit(0)")] },
        { title: "u", verify: [] },
      ],
    });
    expect((await runCli(["run", second, "--cwd", cwd], storageDir)).code).toBe(0);
    const appended = (await readStore(storageDir)).events.slice(before.length);
    const lastId = appended.at(-1)?.id as string;
    await tail.waitFor(new RegExp(lastId));
    tail.child.kill("SIGINT");
    const result = await tail.done;
    expect(result.code).toBe(0);
    expect(lines(result.stdout).map((line) => JSON.parse(line))).toEqual([
      before.at(-1),
      ...appended,
    ]);
  });

  it("--follow --audit keeps to one audit, and SIGTERM stops it too", async () => {
    const storageDir = await demoStore();
    const cwd = await projectRepo({ "a.txt": "a\n" });
    const plan = await writePlan({ project: "p", slug: "s", phases: [{ title: "t", verify: [] }] });
    const last = (await readStore(storageDir)).events.at(-1);
    const auditId = last?.audit_id as string;
    const tail = startCli(["tail", "--follow", "--audit", "latest", "-n", "1"], storageDir);
    await tail.waitFor(new RegExp(last?.type as string));
    expect((await runCli(["run", plan, "--cwd", cwd], storageDir)).code).toBe(0);
    // The run above started another audit; a third process writes to the followed one: only
    // that reaches the tail.
    const emitted = await runCli(
      ["emit", "phase_skipped", "--audit", auditId, "--phase", "9", "reason=user_request"],
      storageDir,
    );
    expect(emitted.code, emitted.stderr).toBe(0);
    await tail.waitFor(/phase_skipped/);
    tail.child.kill("SIGTERM");
    const result = await tail.done;
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toHaveLength(2);
    expect(result.stdout).toContain(auditId.slice(0, 8));
  });

  it("-n 0 prints no stored event", async () => {
    const storageDir = await demoStore();
    const result = await runCli(["tail", "-n", "0"], storageDir);
    expect([result.code, result.stdout]).toEqual([0, ""]);
  });

  it("without --follow prints the last -n events and exits", async () => {
    const storageDir = await demoStore();
    const result = await runCli(["tail", "-n", "2", "--json"], storageDir);
    expect(result.code).toBe(0);
    expect(lines(result.stdout).map((line) => JSON.parse(line))).toEqual(
      (await readStore(storageDir)).events.slice(-2),
    );
  });
});
