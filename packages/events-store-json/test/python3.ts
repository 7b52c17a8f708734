import { execFileSync } from "node:child_process";

let resolved: string | undefined;

/**
 * The interpreter that `python3` on PATH runs, found once. Where `python3` is
 * a version manager's shim (pyenv's is a bash script that runs several more),
 * each start through it took 1.2 s and 0.56 s of CPU on an idle two-core
 * machine, against 0.13 s and 0.11 s for the interpreter itself, and several
 * seconds when loaded; these tests start Python dozens of times. "python3"
 * itself when that fails, so that the caller still reports Python as missing.
 */
export function python3(): string {
  resolved ??= (() => {
    try {
      const found = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
        encoding: "utf8",
      }).trim();
      return found === "" ? "python3" : found;
    } catch {
      return "python3";
    }
  })();
  return resolved;
}
