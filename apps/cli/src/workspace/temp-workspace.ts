import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workspace } from "./workspace.js";

/** Runs `task` in a fresh directory under the OS temp folder and removes the directory afterwards. */
export async function withTempWorkspace<T>(
  prefix: string,
  task: (workspace: Workspace) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await task(new Workspace(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
