import { type AuditSummary, EVENT_TYPES, type EventType } from "@phaser/events-core";
import type { StoreFileInfo, StoreReport } from "@phaser/events-store-json";
import { pc } from "./colors.js";
import { formatAge, formatBytes, plural, shown, truncate } from "./text.js";

const label = (name: string) => pc().bold(name.padEnd(10));

/** `doctor`'s report for people: one labelled line per check, then the verdict. */
export function formatStoreReport(report: StoreReport): string[] {
  const lines = [`${label("store")}${shown(report.path)}`];
  lines.push(`${label("file")}${fileState(report)}`);
  lines.push(`${label("version")}${versionText(report)}`);
  if (report.refused === null) {
    lines.push(
      `${label("events")}${plural(report.events, "event")} in ${plural(report.audits, "audit")}`,
    );
    for (const [type, count] of inSpecOrder(report.byType)) {
      lines.push(`${" ".repeat(12)}${shown(type).padEnd(20)} ${count}`);
    }
    lines.push(`${label("malformed")}${malformedText(report)}`);
    for (const { index, message } of report.malformed.first) {
      lines.push(`${" ".repeat(12)}index ${index}: ${truncate(message, 100)}`);
    }
  }
  lines.push(
    `${label("backups")}${report.backups.length === 0 ? "none" : plural(report.backups.length, "file")}`,
  );
  for (const backup of report.backups) lines.push(`${" ".repeat(12)}${fileText(backup)}`);
  lines.push(`${label("lock")}${lockText(report)}`);
  if (report.tempFiles.length > 0) {
    lines.push(`${label("temp files")}`);
    for (const temp of report.tempFiles) lines.push(`${" ".repeat(12)}${fileText(temp)}`);
  }
  lines.push("");
  for (const problem of report.problems) {
    const mark = problem.severity === "error" ? pc().red("✗ problem") : pc().yellow("! warning");
    lines.push(`${mark}  ${shown(problem.message)}`);
  }
  lines.push(
    report.healthy
      ? pc().green("✓ healthy")
      : pc().red(
          `✗ ${plural(report.problems.filter((p) => p.severity === "error").length, "problem")} found`,
        ),
  );
  return lines;
}

/**
 * Warnings for audits that have no end event, for `doctor`: each may be
 * running right now, or its run was stopped without a chance to record how
 * it ended.
 */
export function formatOpenAudits(audits: readonly AuditSummary[], now: number): string[] {
  return audits.map((audit) => {
    const what = [audit.project, audit.slug].filter((part) => part !== null).join(" · ");
    const age = formatAge(Math.max(0, now - Date.parse(audit.lastTimestamp)));
    return `${pc().yellow("! warning")}  audit ${shown(audit.auditId)}${what === "" ? "" : ` (${shown(what)})`} has no end event; its last event is ${age} old: still running, or its run was killed (SIGKILL) or crashed before it could record its end`;
  });
}

/** `doctor`'s report on a store folder that cannot hold a store (a file, a symlink loop…). */
export function formatUnusableStore(path: string, problem: string): string[] {
  return [
    `${label("store")}${shown(path)}`,
    `${label("folder")}not usable (see the problem below)`,
    "",
    `${pc().red("✗ problem")}  ${shown(problem)}; point --store or PHASER_STORAGE_DIR at a folder`,
    pc().red("✗ 1 problem found"),
  ];
}

/** Counts per type: the spec's twelve in its order, then unknown types by name. */
function inSpecOrder(byType: Readonly<Record<string, number>>): [string, number][] {
  const rank = (type: string) => {
    const at = EVENT_TYPES.indexOf(type as EventType);
    return at === -1 ? EVENT_TYPES.length : at;
  };
  return Object.entries(byType).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

function fileState(report: StoreReport): string {
  if (report.exists) return `exists, ${formatBytes(report.sizeBytes ?? 0)}`;
  // A path the store refuses to open (a directory, a symlink loop) is not "an empty store".
  if (report.refused !== null) return "not a file the store can use (see the problem below)";
  return "does not exist yet (an empty store)";
}

function versionText(report: StoreReport): string {
  const writes = `this CLI writes version ${report.currentVersion}`;
  if (report.version === null) return report.exists ? `unknown (${writes})` : writes;
  if (report.version > report.currentVersion) {
    return `${report.version}, newer than this CLI reads (up to ${report.currentVersion}): upgrade it`;
  }
  if (report.needsMigration) {
    return `${report.version}, older: ${writes}; migrated on the next write, or run \`phaser-events migrate\``;
  }
  return `${report.version} (current)`;
}

function malformedText(report: StoreReport): string {
  const { count, first } = report.malformed;
  if (count === 0) return "none";
  const which = first.length < count ? `, the first ${first.length}:` : ":";
  return `${plural(count, "record")} skipped${which}`;
}

function fileText(file: StoreFileInfo): string {
  return `${shown(file.path)}  ${formatBytes(file.sizeBytes)}  ${shown(file.modifiedAt)}`;
}

function lockText({ lock }: StoreReport): string {
  const age = lock.ageMs === null ? "" : formatAge(lock.ageMs);
  const who = lock.holder
    ? `process ${lock.holder.pid} on ${shown(lock.holder.host)}`
    : "an unknown holder";
  switch (lock.state) {
    case "free":
      return "free";
    case "live":
      return `held by ${who} for ${age} (running: writers wait for it)`;
    case "stale":
      return `stale: held by ${who}, which is no longer running (the next writer takes it over)`;
    case "unknown":
      return `held by ${who} for ${age}: cannot be checked from this host, so writers wait for it`;
    case "legacy":
      return `a lock directory of an older version of the store, ${age} old`;
  }
}
