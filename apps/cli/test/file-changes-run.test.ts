import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git, node, projectRepo, writePlan } from "./project-repo.js";
import { readStore, runBash, type StoredRecord, tempDir } from "./run-cli.js";

const fileEvents = (records: readonly StoredRecord[]) =>
  records
    .filter((r) => r.type.startsWith("file_"))
    .map((r) => ({ phase: r.phase, type: r.type, ...r.data }));

const GiB = 1024 ** 3;

/** Root reads any folder: as root, drop the capabilities that let it, so permissions apply as to anyone. */
const asUser =
  process.getuid?.() === 0 ? "setpriv --bounding-set=-dac_override,-dac_read_search -- " : "";

describe("phaser-events run: file changes", () => {
  it("counts a 20,000-line rewrite as git does, reports a 3 GiB file, leaves out build noise and the plan's ignore:, and passes on git's warnings", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${(i * 7919) % 10007}\n`);
    const cwd = await projectRepo({
      "data/rows.csv": rows.join(""),
      "dist/app.js": "built\n",
      "snapshots/state.txt": "v1\n",
    });
    const plan = await writePlan({
      project: "p",
      slug: "files",
      ignore: ["*.log", "snapshots/"],
      phases: [
        {
          title: "Rewrite",
          run: node(`
            const fs = require("fs");
            const rows = fs.readFileSync("data/rows.csv", "utf8").split("\\n");
            fs.writeFileSync("data/rows.csv", rows.map((r, i) => (i % 2 && r ? r + ",changed" : r)).join("\\n"));
            fs.mkdirSync("__pycache__"); fs.writeFileSync("__pycache__/app.cpython-312.pyc", "\\0");
            fs.mkdirSync(".venv/bin", { recursive: true }); fs.writeFileSync(".venv/bin/python", "#!");
            fs.writeFileSync("debug.log", "noise");
            fs.writeFileSync("snapshots/state.txt", "v2\\n");
            fs.appendFileSync("dist/app.js", "more\\n");
            fs.closeSync(fs.openSync("huge.img", "w")); fs.truncateSync("huge.img", ${3 * GiB});
          `),
        },
        { title: "Grow", run: node(`require("fs").truncateSync("huge.img", ${3 * GiB + 1})`) },
      ],
    });
    await mkdir(join(cwd, "locked"));
    await writeFile(join(cwd, "locked", "secret.txt"), "s\n");
    await chmod(join(cwd, "locked"), 0o000);
    const storageDir = await tempDir();
    // LC_ALL=C: git's own warning, in English.
    const result = await runBash(
      `LC_ALL=C ${asUser}"$NODE" "$PHASER_CLI" run '${plan}' --cwd '${cwd}'`,
      storageDir,
    );
    await chmod(join(cwd, "locked"), 0o700);
    expect(result.code, result.stderr).toBe(0);
    // Once, though each of the two phases snapshots the project twice.
    expect(result.stderr.split("\n").filter((line) => line.includes("warning"))).toEqual([
      "phaser-events: warning: git: could not open directory 'locked/': Permission denied",
    ]);
    const [added, removed] = git(cwd, "diff", "--numstat", "data/rows.csv").split("\t").map(Number);
    expect(fileEvents((await readStore(storageDir)).events)).toEqual([
      {
        phase: 1,
        type: "file_modified",
        path: "data/rows.csv",
        size_bytes: rows.join("").length + 10_000 * ",changed".length,
        lines_added: added,
        lines_removed: removed,
      },
      {
        phase: 1,
        type: "file_modified",
        path: "dist/app.js",
        size_bytes: 11,
        lines_added: 1,
        lines_removed: 0,
      },
      { phase: 1, type: "file_created", path: "huge.img", size_bytes: 3 * GiB },
      {
        phase: 2,
        type: "file_modified",
        path: "huge.img",
        size_bytes: 3 * GiB + 1,
        lines_added: 0,
        lines_removed: 0,
      },
    ]);
    expect(added).toBe(10_000);
    await rm(cwd, { recursive: true, force: true });
    // 2.5 s alone, but 17–21 s under `pnpm test` (four suites at a time on two cores), and once
    // over 30 s: it starts the CLI, bash, two Node.js commands and git several times.
  }, 90_000);

  it("outside git, warns about a folder and a file it cannot read and goes on; default_ignores: false reports build noise", async () => {
    const cwd = await tempDir("phaser-cli-project-");
    await mkdir(join(cwd, "locked"));
    await writeFile(join(cwd, "locked", "secret.txt"), "s\n");
    await writeFile(join(cwd, "private.txt"), "p\n");
    await writeFile(join(cwd, "a.txt"), "a\n");
    await chmod(join(cwd, "locked"), 0o000);
    await chmod(join(cwd, "private.txt"), 0o000);
    const plan = await writePlan({
      project: "p",
      slug: "unreadable",
      default_ignores: false,
      phases: [
        {
          title: "Build",
          run: node(
            `const fs = require("fs"); fs.mkdirSync("__pycache__"); fs.writeFileSync("__pycache__/a.pyc", "\\0"); fs.appendFileSync("a.txt", "b\\n");`,
          ),
        },
      ],
    });
    const storageDir = await tempDir();
    const result = await runBash(
      `${asUser}"$NODE" "$PHASER_CLI" run '${plan}' --cwd '${cwd}'`,
      storageDir,
    );
    await chmod(join(cwd, "locked"), 0o700);
    expect(result.code, result.stderr).toBe(0);
    const warnings = result.stderr.split("\n").filter((line) => line.includes("warning"));
    expect(warnings).toEqual([
      "phaser-events: warning: cannot read folder locked/ (EACCES): its files are not watched",
      "phaser-events: warning: cannot read private.txt (EACCES): compared by size and time only",
    ]);
    expect(fileEvents((await readStore(storageDir)).events)).toEqual([
      { phase: 1, type: "file_created", path: "__pycache__/a.pyc", size_bytes: 1 },
      {
        phase: 1,
        type: "file_modified",
        path: "a.txt",
        size_bytes: 4,
        lines_added: 1,
        lines_removed: 0,
      },
    ]);
    await rm(cwd, { recursive: true, force: true });
  });
});
