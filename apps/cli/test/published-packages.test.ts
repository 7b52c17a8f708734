import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APP_DIR } from "./cli-path.js";

const REPO_DIR = join(APP_DIR, "..", "..");

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly repository?: unknown;
  readonly homepage?: unknown;
  readonly bugs?: unknown;
}

/** Every workspace package that is not private: what `changeset publish` sends to npm. */
function publishedPackages(): { dir: string; manifest: Manifest }[] {
  const dirs = ["packages", "apps"].flatMap((parent) =>
    readdirSync(join(REPO_DIR, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(REPO_DIR, parent, entry.name)),
  );
  return dirs
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest,
    }))
    .filter(({ manifest }) => manifest.private !== true);
}

/**
 * The link targets of a Markdown text, with the line each is on: inline links and images
 * `[text](target)`, reference definitions `[label]: target`, and HTML `href`/`src`. Code (fenced
 * blocks and `spans`) is not Markdown, so it is left out.
 */
function linkTargets(markdown: string): { line: number; target: string }[] {
  const targets: { line: number; target: string }[] = [];
  let fence: string | undefined;
  for (const [index, raw] of markdown.split("\n").entries()) {
    const opening = /^\s*(```+|~~~+)/.exec(raw)?.[1];
    if (opening !== undefined) {
      if (fence === undefined) fence = opening;
      else if (opening.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const text = raw.replace(/(`+)[^`]*?\1/g, "");
    const found = [
      ...[...text.matchAll(/\]\(\s*<?([^)\s>]*)/g)].map((m) => m[1]),
      ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*<?([^\s>]+)/g)].map((m) => m[1]),
      ...[...text.matchAll(/\b(?:href|src)\s*=\s*["']([^"']*)/gi)].map((m) => m[1]),
    ];
    for (const target of found) targets.push({ line: index + 1, target: target ?? "" });
  }
  return targets;
}

/**
 * A link that works wherever the README is read: on npm, which shows it without the repository
 * (these packages name none, so npm has nothing to resolve a relative link against), as well as
 * in the repository. An absolute URL, or a heading of the README itself.
 */
const WORKS_ON_NPM = /^(?:https?:\/\/|mailto:|#)/i;

describe("the published packages", () => {
  const packages = publishedPackages();

  it("are the nine libraries and the CLI", () => {
    expect(packages.map((p) => p.manifest.name).sort()).toEqual([
      "@phaser/events-analysis",
      "@phaser/events-cli",
      "@phaser/events-convenience",
      "@phaser/events-core",
      "@phaser/events-otel",
      "@phaser/events-storage-testkit",
      "@phaser/events-store-json",
      "@phaser/events-store-memory",
      "@phaser/events-store-postgres",
      "@phaser/events-web",
    ]);
  });

  it("have READMEs whose links work on npm: no relative link, to a sibling package or anywhere", () => {
    const broken: string[] = [];
    for (const { dir } of packages) {
      const readme = join(dir, "README.md");
      for (const { line, target } of linkTargets(readFileSync(readme, "utf8"))) {
        if (!WORKS_ON_NPM.test(target)) broken.push(`${readme}:${line}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("ship the repository's MIT LICENSE, and declare it", () => {
    const license = readFileSync(join(REPO_DIR, "LICENSE"), "utf8");
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 Phaser Events contributors\n/);
    for (const { dir, manifest } of packages) {
      expect(manifest.license, manifest.name).toBe("MIT");
      // npm packs a LICENSE file at a package's root whatever `files` says.
      expect(readFileSync(join(dir, "LICENSE"), "utf8"), manifest.name).toBe(license);
    }
  });

  it("name no placeholder as their repository, homepage or issue tracker", () => {
    for (const { manifest } of packages) {
      const links = JSON.stringify([manifest.repository, manifest.homepage, manifest.bugs]);
      expect(links, manifest.name).not.toMatch(
        /\.(?:invalid|example|test|localhost)\b|example\.com/,
      );
    }
  });
});

describe("linkTargets", () => {
  it("finds inline links, images, reference definitions and HTML links, outside code", () => {
    const markdown = [
      "See [core](../events-core) and ![logo](./logo.png 'Logo').",
      "[bench]: ../../BENCHMARKS.md",
      '<a href="../x">x</a> and `[not](a-link)`',
      "```sh",
      "echo [nor](this)",
      "```",
      "[npm](https://www.npmjs.com/package/@phaser/events-core), [below](#usage)",
    ].join("\n");
    expect(linkTargets(markdown)).toEqual([
      { line: 1, target: "../events-core" },
      { line: 1, target: "./logo.png" },
      { line: 2, target: "../../BENCHMARKS.md" },
      { line: 3, target: "../x" },
      { line: 7, target: "https://www.npmjs.com/package/@phaser/events-core" },
      { line: 7, target: "#usage" },
    ]);
  });
});
