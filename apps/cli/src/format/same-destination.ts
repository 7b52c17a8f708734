import { fstatSync } from "node:fs";
import { usesProcessStreams } from "../io/cli-io.js";

/**
 * Whether stdout and stderr lead to the same place: one terminal, or one pipe
 * or file (`2>&1`). `run` prints its outcome to stderr only when they do not,
 * since stdout's last progress line says it already: once per place a person
 * or a log sees.
 */
export function stderrIsStdout(): boolean {
  // A caller's streams (main() with an io) are its own business.
  if (!usesProcessStreams()) return false;
  try {
    const out = fstatSync(1);
    const err = fstatSync(2);
    return out.dev === err.dev && out.ino === err.ino && out.rdev === err.rdev;
  } catch {
    return false;
  }
}
