import { execFileSync } from "node:child_process";
import { mkdir, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { trackFileChanges } from "../src/workspace/file-changes.js";
import { listProjectFiles } from "../src/workspace/list-files.js";
import { tempDir } from "./run-cli.js";

let dir: string | undefined;

afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function write(path: string, content: string): Promise<void> {
  const target = join(dir as string, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
}

function git(...args: string[]): void {
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t.invalid", ...args], {
    cwd: dir as string,
    stdio: "ignore",
  });
}

describe("trackFileChanges", () => {
  it("reports files created, modified and deleted since the last collect", async () => {
    dir = await tempDir();
    await write("keep.txt", "one\ntwo\n");
    await write("old.txt", "bye\n");
    await write("untouched.txt", "same\n");
    await write(".git/HEAD", "ignored\n");
    const tracker = await trackFileChanges(dir);

    await write("keep.txt", "one\n2\nthree\n");
    await write("nested/new.txt", "héllo\n");
    await rm(join(dir, "old.txt"));
    await write("untouched.txt", "same\n");
    await write(".git/HEAD", "changed\n");
    expect(await tracker.collect()).toEqual([
      { kind: "modified", path: "keep.txt", size_bytes: 12, lines_added: 2, lines_removed: 1 },
      { kind: "created", path: "nested/new.txt", size_bytes: 7 },
      { kind: "deleted", path: "old.txt" },
    ]);
    expect(await tracker.collect()).toEqual([]);
  });

  it("takes unchanged files from a baseline instead of reading them again", async () => {
    dir = await tempDir();
    await write("same.txt", "same\n");
    await write("edited.txt", "one\n");
    const first = await trackFileChanges(dir);
    await write("edited.txt", "two\n");
    expect(await first.collect()).toHaveLength(1);
    const second = await trackFileChanges(dir, { baseline: first.latest });
    expect(second.latest.get("same.txt")).toBe(first.latest.get("same.txt"));
    expect(second.latest.get("edited.txt")).toBe(first.latest.get("edited.txt"));
    await write("edited.txt", "three\n");
    expect(await second.collect()).toMatchObject([
      { kind: "modified", path: "edited.txt", lines_added: 1, lines_removed: 1 },
    ]);
    expect(second.latest.get("same.txt")).toBe(first.latest.get("same.txt"));
  });

  it("counts no lines for a binary file, but still reports it modified", async () => {
    dir = await tempDir();
    await write("image.bin", "a\0b");
    const tracker = await trackFileChanges(dir);
    await write("image.bin", "a\0c\nd");
    expect(await tracker.collect()).toEqual([
      { kind: "modified", path: "image.bin", size_bytes: 5, lines_added: 0, lines_removed: 0 },
    ]);
  });
});

describe("listProjectFiles honours .gitignore", () => {
  const layout = async () => {
    await write(".gitignore", "build/\n*.log\n");
    await write("src/a.js", "a");
    await write("build/out.js", "o");
    await write("debug.log", "l");
    await write("sub/.gitignore", "secret.txt\n");
    await write("sub/secret.txt", "s");
    await write("sub/kept.txt", "k");
  };
  const expected = [".gitignore", "src/a.js", "sub/.gitignore", "sub/kept.txt"];

  it("outside a git repository, through every .gitignore on the way down", async () => {
    dir = await tempDir();
    await layout();
    expect(await listProjectFiles(dir)).toEqual(expected);
  });

  it("in a git repository, as git itself lists files (tracked and untracked, not ignored)", async () => {
    dir = await tempDir();
    await layout();
    git("init", "--quiet");
    git("add", "src/a.js");
    git("commit", "--quiet", "-m", "one");
    await write(".git/info/exclude", "sub/kept.txt\n");
    expect(await listProjectFiles(dir)).toEqual(expected.filter((p) => p !== "sub/kept.txt"));
  });
});

describe("trackFileChanges: links and large files", () => {
  it("records a symbolic link by its target, without following it", async () => {
    dir = await tempDir();
    const outside = await tempDir();
    await writeFile(join(outside, "target.txt"), "outside\n");
    await write("kept.txt", "k\n");
    const tracker = await trackFileChanges(dir);
    await symlink(join(outside, "target.txt"), join(dir, "link"));
    expect(await tracker.collect()).toEqual([
      { kind: "created", path: "link", size_bytes: Buffer.byteLength(join(outside, "target.txt")) },
    ]);
    await writeFile(join(outside, "target.txt"), "changed outside\n");
    expect(await tracker.collect()).toEqual([]);
    await rm(join(dir, "link"));
    await symlink("kept.txt", join(dir, "link"));
    expect(await tracker.collect()).toEqual([
      { kind: "modified", path: "link", size_bytes: 8, lines_added: 0, lines_removed: 0 },
    ]);
    await rm(outside, { recursive: true });
  });

  it("reports a file over 2 GiB (sparse: no disk) by its size, without reading it", async () => {
    dir = await tempDir();
    const tracker = await trackFileChanges(dir);
    await writeFile(join(dir, "disk.img"), "");
    await truncate(join(dir, "disk.img"), 3 * 1024 ** 3);
    expect(await tracker.collect()).toEqual([
      { kind: "created", path: "disk.img", size_bytes: 3 * 1024 ** 3 },
    ]);
    await truncate(join(dir, "disk.img"), 3 * 1024 ** 3 + 1);
    expect(await tracker.collect()).toEqual([
      {
        kind: "modified",
        path: "disk.img",
        size_bytes: 3 * 1024 ** 3 + 1,
        lines_added: 0,
        lines_removed: 0,
      },
    ]);
    await rm(join(dir, "disk.img"));
    expect(await tracker.collect()).toEqual([{ kind: "deleted", path: "disk.img" }]);
  });

  it("counts the lines of a 20,000-line file rewritten every other line", async () => {
    dir = await tempDir();
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${i * 3}\n`);
    await write("data.csv", rows.join(""));
    const tracker = await trackFileChanges(dir);
    await write("data.csv", rows.map((row, i) => (i % 2 === 0 ? row : `${i},new\n`)).join(""));
    expect(await tracker.collect()).toMatchObject([
      { kind: "modified", path: "data.csv", lines_added: 10_000, lines_removed: 10_000 },
    ]);
  });
});
