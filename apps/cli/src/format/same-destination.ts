import { fstatSync } from "node:fs";
import { cliIo } from "../io/cli-io.js";

/**
 * Whether stdout and stderr lead to the same place: one terminal, or one pipe
 * or file (`2>&1`). `run` prints its outcome to stderr only when they do not,
 * since stdout's last progress line says it already: once per place a person
 * or a log sees.
 */
export function stderrIsStdout(): boolean {
  const io = cliIo();
  // A caller's own streams (main() with buffers) are two places.
  if (io.stdout !== process.stdout || io.stderr !== process.stderr) return false;
  try {
    const out = fstatSync(1);
    const err = fstatSync(2);
    return out.dev === err.dev && out.ino === err.ino && out.rdev === err.rdev;
  } catch {
    return false;
  }
}
