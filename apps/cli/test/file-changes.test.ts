import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { countLineChanges, trackFileChanges } from "../src/workspace/file-changes.js";
import { Workspace } from "../src/workspace/workspace.js";
import { tempDir } from "./run-cli.js";

let dir: string | undefined;

afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("countLineChanges", () => {
  it("counts added and removed lines with a line diff", () => {
    expect(countLineChanges("a\nb\nc\n", "a\nB\nc\nd\n")).toEqual({
      lines_added: 2,
      lines_removed: 1,
    });
    expect(countLineChanges("same\n", "same\n")).toEqual({ lines_added: 0, lines_removed: 0 });
  });
});

describe("trackFileChanges", () => {
  it("reports files created, modified and deleted since the last collect", async () => {
    dir = await tempDir();
    const workspace = new Workspace(dir);
    await workspace.write("keep.txt", "one\ntwo\n");
    await workspace.write("old.txt", "bye\n");
    await workspace.write("untouched.txt", "same\n");
    await workspace.write(".git/HEAD", "ignored\n");
    const tracker = await trackFileChanges(dir);

    await workspace.write("keep.txt", "one\n2\nthree\n");
    await workspace.write("nested/new.txt", "héllo\n");
    await workspace.remove("old.txt");
    await workspace.write("untouched.txt", "same\n");
    await workspace.write(".git/HEAD", "changed\n");
    expect(await tracker.collect()).toEqual([
      { kind: "modified", path: "keep.txt", size_bytes: 12, lines_added: 2, lines_removed: 1 },
      { kind: "created", path: "nested/new.txt", size_bytes: 7 },
      { kind: "deleted", path: "old.txt" },
    ]);
    expect(await tracker.collect()).toEqual([]);
  });
});
