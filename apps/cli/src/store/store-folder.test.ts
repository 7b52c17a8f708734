import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeFolderProblem } from "./store-folder.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "phaser-store-folder-"));
  await mkdir(join(root, "folder"));
  await writeFile(join(root, "file"), "x");
  await symlink("self", join(root, "self"));
  await symlink(join(root, "loop-b"), join(root, "loop-a"));
  await symlink(join(root, "loop-a"), join(root, "loop-b"));
  await symlink(join(root, "nowhere"), join(root, "dangling"));
  await symlink(join(root, "file"), join(root, "to-file"));
  await symlink(join(root, "folder"), join(root, "to-folder"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("storeFolderProblem", () => {
  it("accepts a folder, a symlink to one, and a folder the first write can create", async () => {
    expect(await storeFolderProblem(join(root, "folder"))).toBeNull();
    expect(await storeFolderProblem(join(root, "to-folder"))).toBeNull();
    expect(await storeFolderProblem(join(root, "folder", "new", "deeper"))).toBeNull();
  });

  it("says what is wrong with a path no store can be in", async () => {
    const problem = (name: string) => storeFolderProblem(join(root, name));
    expect(await problem("file")).toBe(
      `the store folder ${join(root, "file")} is a file, not a folder`,
    );
    expect(await problem("self")).toMatch(/ is a symlink loop \(it points to self\)$/);
    expect(await problem("loop-a")).toMatch(/ is a symlink loop /);
    expect(await problem("dangling")).toBe(
      `the store folder ${join(root, "dangling")} is a symlink to ${join(root, "nowhere")}, which does not exist (a dangling symlink): no store can be created through it`,
    );
    expect(await problem("to-file")).toMatch(
      / is a symlink to .*file, which is a file, not a folder$/,
    );
    expect(await problem("file/sub")).toMatch(/ is inside a file, not a folder \(ENOTDIR\)$/);
    expect(await problem("self/sub")).toMatch(/ goes through a symlink loop \(ELOOP\)$/);
  });
});
