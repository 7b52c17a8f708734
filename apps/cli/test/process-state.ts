import { readFileSync } from "node:fs";

/** Whether a process exists and is not a zombie (an orphan nobody reaped, as in a container without init). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").startsWith("Z");
  } catch {
    return false;
  }
}
