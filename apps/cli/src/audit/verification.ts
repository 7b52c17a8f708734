import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

/** A verify command: a Node.js script run as `node -e <script>` in the workspace. */
export interface VerificationCheck {
  /** The command as recorded in events and shown to people. */
  readonly command: string;
  readonly script: string;
}

/** How a verify command ended. */
export interface VerificationResult {
  readonly exit_code: number;
  /** Whole milliseconds. */
  readonly duration_ms: number;
  /** stdout and stderr, interleaved as they arrived. */
  readonly output: string;
}

/** A check running `script` with Node.js (no shell, so it works on every platform). */
export function nodeCheck(script: string): VerificationCheck {
  return { command: `node -e "${script}"`, script };
}

const TIMEOUT_MS = 10_000;

/** Runs a check as a real child process of this Node.js binary, with `cwd` as working directory. */
export function runVerification(
  check: VerificationCheck,
  cwd: string,
): Promise<VerificationResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", check.script], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: TIMEOUT_MS,
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({
        // A check killed by a signal (the timeout) has no exit code: count it as a failure.
        exit_code: code ?? 1,
        duration_ms: Math.round(performance.now() - started),
        output: Buffer.concat(chunks).toString("utf8").trimEnd(),
      });
    });
  });
}
