import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JsonFileStorage, resolveStorageDir } from "../src/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

describe("resolveStorageDir", () => {
  const root = tempDir("phaser-resolve-");
  const home = join(root, "home", "me");
  const project = join(home, "work", "project");
  const deep = join(project, "src", "lib");
  mkdirSync(deep, { recursive: true });

  it("uses $PHASER_STORAGE_DIR first, relative to cwd", () => {
    mkdirSync(join(project, ".phaser"), { recursive: true });
    expect(resolveStorageDir({ cwd: deep, home, env: { PHASER_STORAGE_DIR: "/var/phaser" } })).toBe(
      "/var/phaser",
    );
    expect(resolveStorageDir({ cwd: deep, home, env: { PHASER_STORAGE_DIR: "store" } })).toBe(
      join(deep, "store"),
    );
  });

  it("ignores an empty $PHASER_STORAGE_DIR", () => {
    expect(resolveStorageDir({ cwd: deep, home, env: { PHASER_STORAGE_DIR: "" } })).toBe(
      join(project, ".phaser"),
    );
  });

  it("finds the nearest .phaser/ walking up from cwd", () => {
    expect(resolveStorageDir({ cwd: deep, home, env: {} })).toBe(join(project, ".phaser"));
    mkdirSync(join(deep, ".phaser"));
    expect(resolveStorageDir({ cwd: deep, home, env: {} })).toBe(join(deep, ".phaser"));
  });

  it("ignores a .phaser that is a file", () => {
    const other = join(home, "other");
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, ".phaser"), "not a directory");
    expect(resolveStorageDir({ cwd: other, home, env: {} })).toBe(join(home, ".phaser"));
  });

  it("stops at home: a .phaser above home is not used", () => {
    mkdirSync(join(root, "home", ".phaser"), { recursive: true });
    const elsewhere = join(home, "elsewhere");
    mkdirSync(elsewhere, { recursive: true });
    expect(resolveStorageDir({ cwd: elsewhere, home, env: {} })).toBe(join(home, ".phaser"));
  });

  it("stops at the filesystem root when cwd is outside home, then falls back to ~/.phaser", () => {
    const outside = tempDir("phaser-outside-");
    expect(resolveStorageDir({ cwd: outside, home, env: {} })).toBe(join(home, ".phaser"));
  });

  it("is what JsonFileStorage uses when given no option", () => {
    const dir = join(tempDir(), "from-env");
    const saved = process.env.PHASER_STORAGE_DIR;
    process.env.PHASER_STORAGE_DIR = dir;
    try {
      expect(new JsonFileStorage().path).toBe(join(dir, "events.json"));
    } finally {
      if (saved === undefined) delete process.env.PHASER_STORAGE_DIR;
      else process.env.PHASER_STORAGE_DIR = saved;
    }
  });
});
