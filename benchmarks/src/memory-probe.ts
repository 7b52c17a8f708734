import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { MemoryKind, MemorySample } from "./memory-kinds.js";

const run = promisify(execFile);

/** dist/memory-child.js, next to the running dist/run.js. */
const CHILD = fileURLToPath(new URL("./memory-child.js", import.meta.url));

/** Runs one P6 measurement in a fresh Node process. */
export async function probeMemory(
  kind: MemoryKind,
  file: string,
  auditId: string,
): Promise<MemorySample> {
  const { stdout } = await run(process.execPath, ["--expose-gc", CHILD, kind, file, auditId], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as MemorySample;
}
