import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** A project directory the demo edits, addressed by `/`-separated relative paths. */
export class Workspace {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Writes a file, creating its folders. */
  async write(path: string, content: string): Promise<void> {
    const target = join(this.dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content, "utf8");
  }

  async read(path: string): Promise<string> {
    return readFile(join(this.dir, path), "utf8");
  }

  /** Rewrites a file through `edit`. */
  async edit(path: string, edit: (content: string) => string): Promise<void> {
    await this.write(path, edit(await this.read(path)));
  }

  async remove(path: string): Promise<void> {
    await rm(join(this.dir, path));
  }
}
