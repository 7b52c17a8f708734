import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  BROWSER_MISSING,
  BrowserMissingError,
  chromiumPath,
  chromiumUnavailable,
  isBrowserMissingError,
  launchChromium,
} from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "browser-test-kit-path-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function executable(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, "#!/bin/sh\nexit 0\n");
  chmodSync(path, 0o755);
  return path;
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("chromiumPath", () => {
  it("throws BrowserMissingError when PHASER_CHROMIUM names a missing file", () => {
    const missing = join(dir, "no-such-chromium");
    const error = caught(() => chromiumPath({ PHASER_CHROMIUM: missing, PATH: "/usr/bin" }));
    expect(error).toBeInstanceOf(BrowserMissingError);
    expect(isBrowserMissingError(error)).toBe(true);
    const { code, message, tried } = error as BrowserMissingError;
    expect(code).toBe(BROWSER_MISSING);
    expect(code).toBe("BROWSER_MISSING");
    expect(tried).toEqual([`PHASER_CHROMIUM=${missing} (not an executable file)`]);
    expect(message).toContain(missing);
    expect(message).toContain("apt-get install chromium");
  });

  it("refuses a PHASER_CHROMIUM that is not executable, or a directory", () => {
    const plain = join(dir, "not-executable");
    writeFileSync(plain, "");
    chmodSync(plain, 0o644);
    // root may read anything, but X_OK still needs an execute bit.
    expect(isBrowserMissingError(caught(() => chromiumPath({ PHASER_CHROMIUM: plain })))).toBe(
      true,
    );
    expect(isBrowserMissingError(caught(() => chromiumPath({ PHASER_CHROMIUM: dir })))).toBe(true);
  });

  it("returns PHASER_CHROMIUM when it is an executable file", () => {
    const fake = executable("my-chrome");
    expect(chromiumPath({ PHASER_CHROMIUM: fake, PATH: "" })).toBe(fake);
  });

  it("falls back to the Debian paths, then chromium on PATH", () => {
    const onPath = executable("chromium");
    const known = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
    expect(chromiumPath({ PATH: `/nonexistent:${dir}` })).toBe(known ?? onPath);
  });

  it("launchChromium rejects with the same error, naming the path", async () => {
    const missing = join(dir, "gone");
    const before = process.env.PHASER_CHROMIUM;
    process.env.PHASER_CHROMIUM = missing;
    try {
      const error = await launchChromium().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isBrowserMissingError(error)).toBe(true);
      expect((error as Error).message).toContain(missing);
    } finally {
      if (before === undefined) delete process.env.PHASER_CHROMIUM;
      else process.env.PHASER_CHROMIUM = before;
    }
  });

  it("isBrowserMissingError tells it apart from other errors, by code", () => {
    expect(isBrowserMissingError(new Error("x"))).toBe(false);
    expect(isBrowserMissingError({ code: "BROWSER_MISSING" })).toBe(true);
    expect(isBrowserMissingError(null)).toBe(false);
  });
});

describe("chromiumUnavailable", () => {
  const missing = { PHASER_CHROMIUM: join(dir, "absent") };

  it("is undefined when there is a browser", () => {
    expect(chromiumUnavailable({ PHASER_CHROMIUM: executable("present") })).toBeUndefined();
  });

  it("outside CI, gives the reason to skip and says so on stderr", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(chromiumUnavailable(missing)).toContain("apt-get install chromium");
      expect(warn).toHaveBeenCalledOnce();
      expect(String(warn.mock.calls[0]?.[0])).toContain("SKIPPING every browser test");
    } finally {
      warn.mockRestore();
    }
  });

  it("in CI, throws the BrowserMissingError instead of skipping", () => {
    expect(
      isBrowserMissingError(caught(() => chromiumUnavailable({ ...missing, CI: "true" }))),
    ).toBe(true);
  });
});
