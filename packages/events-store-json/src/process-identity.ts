import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

/** Who holds a lock: enough to tell, on the same host, whether that process still runs. */
export interface ProcessIdentity {
  readonly pid: number;
  /** When the process started, as the OS reports it; `null` where it cannot be read. */
  readonly start: string | null;
  readonly host: string;
  /** The kernel's boot id (Linux), so a lock from before a reboot is known dead; else `null`. */
  readonly boot: string | null;
}

/** `alive`: it runs; `dead`: it does not (or its pid is another process now); `unknown`: another host. */
export type Liveness = "alive" | "dead" | "unknown";

let self: ProcessIdentity | undefined;

/** This process's identity (read once). */
export function currentProcess(): ProcessIdentity {
  self ??= { pid: process.pid, start: startTimeOf(process.pid), host: hostname(), boot: bootId() };
  return self;
}

/**
 * Whether the process `who` names still runs. Only a holder on this host (same
 * host name and boot id) can be judged: it is dead when its pid no longer
 * exists, or exists with another start time (the pid was reused). A holder on
 * another host is `unknown`, never dead.
 */
export function livenessOf(who: ProcessIdentity): Liveness {
  const me = currentProcess();
  if (who.host !== me.host) return "unknown";
  if (who.boot !== null && me.boot !== null && who.boot !== me.boot) return "dead";
  if (!pidExists(who.pid)) return "dead";
  if (who.start !== null) {
    const start = startTimeOf(who.pid);
    if (start !== null && start !== who.start) return "dead";
  }
  return "alive";
}

function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The start time of `pid`: field 22 of `/proc/<pid>/stat` (clock ticks since
 * boot) on Linux; `ps -o lstart=` elsewhere; `null` when neither answers.
 */
export function startTimeOf(pid: number): string | null {
  if (process.platform === "linux") {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name (field 2) is in parentheses and may hold spaces: count after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return fields[19] ?? null; // field 22 overall
    } catch {
      return null;
    }
  }
  if (process.platform === "win32") return null;
  try {
    const out = execFileSync("ps", ["-o", "lstart=", "-p", String(pid)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 2000,
    });
    return out.trim() || null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
  } catch {
    return null;
  }
}
