import { chmod, readdir, readFile, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOfDemoStore } from "./demo-store.js";
import {
  children,
  parseXml,
  validateAgainstJUnitXsd,
  type XmlNode,
} from "./fixtures/junit-schema.js";
import { readStore, runCli, type StoredRecord, tempDir } from "./run-cli.js";

let storageDir: string;
let outDir: string;
let records: StoredRecord[];
let abandonedId: string;

beforeAll(async () => {
  storageDir = await copyOfDemoStore();
  outDir = await tempDir();
  records = (await readStore(storageDir)).events;
  abandonedId = records.find((e) => e.type === "audit_abandoned")?.audit_id ?? "";
});

afterAll(async () => {
  await rm(storageDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

const lines = (text: string): unknown[] =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));

describe("phaser-events export", () => {
  it("--format ndjson (the default) prints every stored record, one per line", async () => {
    const result = await runCli(["export", "--format", "ndjson"], storageDir);
    expect(result.code, result.stderr).toBe(0);
    expect(lines(result.stdout)).toEqual(records);
    expect((await runCli(["export"], storageDir)).stdout).toBe(result.stdout);
  });

  it("--format json prints one indented array; --audit keeps that audit's records", async () => {
    const result = await runCli(["export", "--format", "json", "--audit", abandonedId], storageDir);
    expect(result.code, result.stderr).toBe(0);
    const audit = records.filter((e) => e.audit_id === abandonedId);
    expect(result.stdout).toBe(`${JSON.stringify(audit, null, 2)}\n`);
    const latest = await runCli(["export", "--format", "json", "--audit", "latest"], storageDir);
    expect(latest.stdout).toBe(result.stdout);
  });

  it("--format cloudevents wraps each record, field by field", async () => {
    const result = await runCli(["export", "--format", "cloudevents"], storageDir);
    expect(result.code, result.stderr).toBe(0);
    const events = lines(result.stdout) as Record<string, unknown>[];
    expect(events).toHaveLength(records.length);
    events.forEach((event, index) => {
      const record = records[index] as StoredRecord;
      expect(event).toEqual({
        specversion: "1.0",
        id: record.id,
        source: "phaser-events",
        type: `dev.phaser.${record.type}`,
        time: record.timestamp,
        subject: record.audit_id,
        datacontenttype: "application/json",
        data: record,
      });
    });
  });

  it("--format junit gives a valid report: a suite per phase, a case per check, retries as Surefire reruns", async () => {
    const result = await runCli(["export", "--format", "junit"], storageDir);
    expect(result.code, result.stderr).toBe(0);
    expect((await validateAgainstJUnitXsd(result.stdout)).errors).toEqual([]);
    const root = children(parseXml(result.stdout), "testsuites")[0] as XmlNode;
    const suites = children(root, "testsuite");
    const phases = new Set(
      records.filter((e) => e.phase !== null).map((e) => `${e.audit_id}/${e.phase}`),
    );
    expect(suites).toHaveLength(phases.size);
    const cases = suites.flatMap((suite) => children(suite, "testcase"));
    const verifications = records.filter((e) => e.type.startsWith("verification_"));
    // The demo's plans list no command twice in a phase: a check is a command of a phase.
    const checks = [
      ...new Map(
        verifications.map((e) => [`${e.audit_id}/${e.phase}/${e.data.command}`, e.data.command]),
      ).values(),
    ];
    const skips = records.filter((e) => e.type === "phase_skipped");
    expect(cases).toHaveLength(checks.length + skips.length);
    const ran = cases.filter((c) => children(c, "skipped").length === 0);
    expect(ran.map((c) => c.name)).toEqual(checks);
    // The completed audit's cache check fails once, then passes on its retry: a passing case
    // with a <flakyFailure>, so the report has no failure for an audit that completed.
    const flaky = cases.filter((c) => children(c, "flakyFailure").length > 0);
    expect(flaky.map((c) => [c.name, children(c, "failure").length])).toEqual([
      ["node .audit/checks/warm-cache.js", 0],
    ]);
    // The abandoned audit's certificate check fails all three attempts: one <failure>, two reruns.
    const failing = cases.filter((c) => children(c, "failure").length > 0);
    expect(failing.map((c) => [c.name, children(c, "rerunFailure").length])).toEqual([
      ["node .audit/checks/certificate.js", 2],
    ]);
    expect([root.tests, root.failures, root.errors]).toEqual([String(cases.length), "1", "0"]);
    expect(suites.reduce((sum, suite) => sum + Number(suite.skipped), 0)).toBe(skips.length);
    // Every failed run's output is kept, in the order the runs happened.
    const failed = records.filter((e) => e.type === "verification_failed");
    const outputs = [...flaky, ...failing].flatMap((c) => [
      ...children(c, "failure").map((f) => f["#text"] ?? ""),
      ...[...children(c, "flakyFailure"), ...children(c, "rerunFailure")].flatMap((r) =>
        children(r, "stackTrace"),
      ),
    ]);
    expect(outputs).toEqual(failed.map((e) => e.data.output));
  });

  it("--format html writes one self-contained page: the audit's records embedded, opening on it", async () => {
    const out = join(outDir, "report.html");
    const result = await runCli(
      ["export", "--format", "html", "--audit", "latest", "--out", out],
      storageDir,
    );
    expect(result.code, result.stderr).toBe(0);
    const audit = records.filter((e) => e.audit_id === abandonedId);
    expect(result.stderr).toBe(`wrote ${audit.length} events to ${out}\n`);
    const html = await readFile(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';',
    );
    // Nothing to fetch: no element outside the inline script loads anything.
    const markup = html.replace(/<script type="module">[\s\S]*?<\/script>/, "");
    expect(markup).not.toMatch(/\s(?:src|href)=/);
    const data = JSON.parse(
      html.split('<script type="application/json" id="phaser-data">')[1]?.split("</script>")[0] ??
        "",
    );
    expect(data.events).toEqual(audit);
    expect(data.open).toBe(`audit=${abandonedId}`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
  });

  it("--out writes the file (creating folders) and says so on stderr, with nothing on stdout", async () => {
    const out = join(outDir, "nested", "deeper", "report.xml");
    const result = await runCli(["export", "--format", "junit", "--out", out], storageDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`wrote ${records.length} events to ${out}\n`);
    const direct = await runCli(["export", "--format", "junit"], storageDir);
    expect(await readFile(out, "utf8")).toBe(direct.stdout);
    expect(await readdir(join(outDir, "nested", "deeper"))).toEqual(["report.xml"]);
    // As private as the store's own files: the export holds the same command output.
    expect((await stat(out)).mode & 0o777).toBe(0o600);
  });

  it("--out through a symlink replaces its target whole, keeping the link and the target's mode", async () => {
    const target = join(outDir, "events.ndjson");
    await writeFile(target, "old contents that are longer than nothing\n".repeat(1000));
    await chmod(target, 0o644);
    const out = join(outDir, "latest.ndjson");
    await symlink("events.ndjson", out);
    const result = await runCli(["export", "--audit", abandonedId, "--out", out], storageDir);
    expect(result.code, result.stderr).toBe(0);
    expect(lines(await readFile(target, "utf8"))).toEqual(
      records.filter((e) => e.audit_id === abandonedId),
    );
    expect(await readlink(out)).toBe("events.ndjson");
    expect((await stat(target)).mode & 0o777).toBe(0o644);
  });

  it("--out /dev/stdout (here through a link to it) writes on stdout, replacing nothing", async () => {
    const out = join(outDir, "stdout");
    await symlink("/dev/stdout", out);
    const result = await runCli(["export", "--format", "junit", "--out", out], storageDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(`wrote ${records.length} events to ${out}\n`);
    expect((await validateAgainstJUnitXsd(result.stdout)).errors).toEqual([]);
    expect(await readlink(out)).toBe("/dev/stdout");
  });

  it("exits 1 naming the audit and the store when there is nothing to export", async () => {
    const out = join(outDir, "never.json");
    const result = await runCli(["export", "--audit", "no-such-audit", "--out", out], storageDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `phaser-events: no events for audit no-such-audit in ${join(storageDir, "events.json")}, nothing to export\n`,
    );
    await expect(readFile(out)).rejects.toThrow();
    const empty = await tempDir();
    const none = await runCli(["export"], empty);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`no events in ${join(empty, "events.json")}`);
    await rm(empty, { recursive: true, force: true });
  });

  it("exits 1 without a stack trace when the file cannot be written", async () => {
    const result = await runCli(["export", "--out", outDir], storageDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^phaser-events: cannot write the export to ${outDir}: `),
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(outDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("rejects an unknown --format with exit code 2 and the choices", async () => {
    const result = await runCli(["export", "--format", "xml"], storageDir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("'xml' is invalid");
    expect(result.stderr).toContain("ndjson, json, junit, cloudevents, html");
  });
});
