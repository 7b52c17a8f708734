import { execFile, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import {
  chmod,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEW_EXPORT_MODE, resolveExportTarget, writeExport } from "../src/export/write-export.js";
import { tempDir } from "./run-cli.js";

const run = promisify(execFile);
const TEXT = `${"<report/>\n".repeat(20_000)}end\n`; // 200 kB: more than a pipe holds at once

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The file mode bits of `path`, following links. */
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** Names in `folder` that look like a temporary file left behind. */
const leftovers = async (folder: string) =>
  (await readdir(folder)).filter((name) => name.endsWith(".tmp"));

describe("writeExport to files", () => {
  it("creates a new file, and its folders, with the store's mode 0600 whatever the umask", async () => {
    const out = join(dir, "new", "deeper", "report.xml");
    const umask = process.umask(0o000); // the most open umask: the file must still be private
    try {
      expect(await writeExport(out, TEXT)).toBe(out);
    } finally {
      process.umask(umask);
    }
    expect(await readFile(out, "utf8")).toBe(TEXT);
    expect(NEW_EXPORT_MODE).toBe(0o600);
    expect(await modeOf(out)).toBe(0o600);
    expect(await leftovers(join(dir, "new", "deeper"))).toEqual([]);
  });

  it("replaces an existing file whole, keeping its mode", async () => {
    const out = join(dir, "shared.xml");
    await writeFile(out, "old ".repeat(100_000));
    await chmod(out, 0o660); // not what a umask of 022 gives a new file
    await writeExport(out, TEXT);
    expect(await readFile(out, "utf8")).toBe(TEXT);
    expect(await modeOf(out)).toBe(0o660);
  });

  it("writes through a chain of relative symlinks to their target, which is replaced atomically", async () => {
    await mkdir(join(dir, "reports"));
    await mkdir(join(dir, "links"));
    const target = join(dir, "reports", "junit.xml");
    await writeFile(target, "old\n");
    await chmod(target, 0o640);
    const before = await stat(target);
    await symlink("../reports/junit.xml", join(dir, "links", "second"));
    await symlink("second", join(dir, "links", "first"));
    expect(await resolveExportTarget(join(dir, "links", "first"))).toEqual({
      kind: "file",
      path: target,
    });
    await writeExport(join(dir, "links", "first"), TEXT);
    // The links are still links, to the same place; the target has the text and its mode.
    expect((await lstat(join(dir, "links", "first"))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, "links", "first"))).toBe("second");
    expect(await readlink(join(dir, "links", "second"))).toBe("../reports/junit.xml");
    expect(await readFile(target, "utf8")).toBe(TEXT);
    expect(await modeOf(target)).toBe(0o640);
    // Replaced by rename (a new inode), not rewritten in place.
    expect((await stat(target)).ino).not.toBe(before.ino);
    expect([
      ...(await leftovers(join(dir, "reports"))),
      ...(await leftovers(join(dir, "links"))),
    ]).toEqual([]);
  });

  it("creates the missing target of a dangling symlink (0600), keeping the link", async () => {
    const link = join(dir, "dangling");
    await symlink("made-later/report.xml", link);
    await writeExport(link, TEXT);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, "made-later", "report.xml"), "utf8")).toBe(TEXT);
    expect(await modeOf(join(dir, "made-later", "report.xml"))).toBe(0o600);
  });

  it("refuses a symlink loop, creating nothing", async () => {
    await symlink("loop-b", join(dir, "loop-a"));
    await symlink("loop-a", join(dir, "loop-b"));
    await expect(writeExport(join(dir, "loop-a"), TEXT)).rejects.toMatchObject({ code: "ELOOP" });
    expect((await lstat(join(dir, "loop-a"))).isSymbolicLink()).toBe(true);
  });
});

describe("writeExport to streams", () => {
  it("writes to a FIFO as a stream, for the reader waiting on it, and leaves the FIFO", async () => {
    const fifo = join(dir, "report.fifo");
    await run("mkfifo", [fifo]);
    const link = join(dir, "to-fifo");
    await symlink(fifo, link);
    for (const path of [fifo, link]) {
      const reader = spawn("cat", [fifo], { stdio: ["ignore", "pipe", "inherit"] });
      const chunks: Buffer[] = [];
      reader.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
      const closed = new Promise((done) => reader.on("close", done));
      try {
        await writeExport(path, TEXT);
        // Replaced by a file, the FIFO would leave its reader waiting: check before waiting on it.
        expect((await lstat(fifo)).isFIFO()).toBe(true);
        await closed;
      } finally {
        reader.kill();
      }
      expect(Buffer.concat(chunks).toString("utf8")).toBe(TEXT);
    }
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it("writes to a character device through a link without replacing either", async () => {
    const link = join(dir, "to-null");
    await symlink("/dev/null", link);
    expect(await resolveExportTarget(link)).toEqual({ kind: "stream", path: "/dev/null" });
    await writeExport(link, TEXT);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect((await lstat("/dev/null")).isCharacterDevice()).toBe(true);
  });

  it("writes on this process's own descriptor for /dev/fd/N and /proc/self/fd/N: a file opened to append is appended to", async () => {
    const file = join(dir, "appended.log");
    await writeFile(file, "earlier line\n");
    const inode = (await stat(file)).ino;
    const fd = openSync(file, "a");
    try {
      expect(await resolveExportTarget(`/dev/fd/${fd}`)).toEqual({ kind: "descriptor", fd });
      expect(await resolveExportTarget("/dev/stdout")).toEqual({ kind: "descriptor", fd: 1 });
      expect(await resolveExportTarget(`/proc/${process.pid}/fd/${fd}`)).toEqual({
        kind: "descriptor",
        fd,
      });
      await writeExport(`/dev/fd/${fd}`, "first\n");
      await writeExport(`/proc/self/fd/${fd}`, "second\n");
    } finally {
      closeSync(fd);
    }
    expect(await readFile(file, "utf8")).toBe("earlier line\nfirst\nsecond\n");
    expect((await stat(file)).ino).toBe(inode);
  });
});
