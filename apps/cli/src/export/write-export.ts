import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Writes `text` to `file` whole or not at all: parent folders are created,
 * the text goes to a temporary file beside it, which is then renamed over
 * `file`. A failed or interrupted write leaves any earlier `file` as it was.
 * Returns the absolute path written.
 */
export async function writeFileAtomically(file: string, text: string): Promise<string> {
  const target = resolve(file);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = join(
    dir,
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return target;
}
