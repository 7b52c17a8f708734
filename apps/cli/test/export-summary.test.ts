import { beforeAll, describe, expect, it } from "vitest";
import { formatMarkdownSummary } from "../src/export/summary/markdown-summary.js";
import { oneLine, outputTail } from "../src/export/summary/markdown-text.js";
import { decodeHtml, type MdNode, nodes, parse, textOf } from "./fixtures/markdown-tree.js";
import { readCommand } from "./fixtures/workflow-commands.js";
import { node, projectRepo, writePlan } from "./project-repo.js";
import { readStore, runCli, type StoredRecord, tempDir } from "./run-cli.js";

/** What a hostile check prints: backticks, workflow commands, HTML, `%`, Markdown, links, ANSI. */
const HOSTILE = [
  ...Array.from({ length: 40 }, (_, i) => `line ${i + 1}`),
  "```` not a fence end",
  "::error::pwned",
  "<script>alert(1)</script> &amp; & <b>bold</b>",
  "100% done %0A %25",
  "| pipe | *bold* _it_ [link](http://evil.example) www.evil.example a@b.example $x$ ~~s~~",
  "\u001b[31mred\u001b[0m \u001b]0;title\u0007",
  "",
].join("\n");
const PROJECT = "shop <i>&amp;</i>";
const SLUG = "ci|summary";
const PHASE_FILE = "docs/phase 2, lint: 100%.md";
const LINT_TITLE = "Lint <img src=x onerror=alert(1)> `code` | *b* [x](y)";

let storageDir: string;
let records: StoredRecord[];
let auditId: string;

/**
 * A real `phaser-events run`: phase 1 creates and modifies files and its check fails once, then
 * passes (flaky); phase 2's check prints hostile output and fails both attempts; phase 3 is skipped.
 */
beforeAll(async () => {
  storageDir = await tempDir();
  const cwd = await projectRepo({ "README.md": "# p\nold line\nkept\n" });
  const plan = await writePlan({
    project: PROJECT,
    slug: SLUG,
    phases: [
      {
        title: "Write",
        run: node(
          `const fs = require("fs"); fs.writeFileSync("new.txt", "a\\n"); fs.writeFileSync("README.md", "# p\\nnew line\\nkept\\nmore\\n");`,
        ),
        verify: [
          node(
            `const fs = require("fs"); if (!fs.existsSync("once")) { fs.writeFileSync("once", ""); process.exit(1); }`,
          ),
        ],
        retries: 1,
      },
      {
        title: LINT_TITLE,
        file: PHASE_FILE,
        verify: [node(`process.stdout.write(${JSON.stringify(HOSTILE)}); process.exit(3);`)],
        retries: 1,
      },
      { title: "Never", verify: [node("process.exit(0)")] },
    ],
  });
  const result = await runCli(["run", plan, "--cwd", cwd], storageDir);
  expect(result.code, result.stderr).toBe(1);
  records = (await readStore(storageDir)).events;
  auditId = records[0]?.audit_id as string;
});

async function exported(format: string): Promise<string> {
  const result = await runCli(["export", "--format", format, "--audit", "latest"], storageDir);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** The text with what changes from run to run (the audit id, durations) made constant. */
function normalised(text: string): string {
  return text.replaceAll(auditId, "<audit>").replace(/\b\d+ (?:ms|s|min|h)\b/g, "<time>");
}

/** The command of the phase's last failed verification, and its stored output. */
function lastFailure(phase: number): { command: string; output: string } {
  const failed = records.filter((r) => r.type === "verification_failed" && r.phase === phase);
  const data = failed.at(-1)?.data ?? {};
  return { command: String(data.command), output: String(data.output) };
}

describe("export --format markdown of a real run", () => {
  it("matches its snapshot (audit id and durations normalised)", async () => {
    await expect(normalised(await exported("markdown"))).toMatchFileSnapshot(
      "__snapshots__/export-summary.md",
    );
  });

  it("renders every stored string as text: no link, emphasis, code span or HTML of its own", async () => {
    const tree = parse(await exported("markdown"));
    const types = new Set(nodes(tree).map((n) => n.type));
    for (const type of ["link", "image", "emphasis", "strong", "delete", "inlineCode"]) {
      expect(types.has(type), type).toBe(false);
    }
    // The only raw HTML: our <details><summary>, whose text is escaped, and </details>.
    const html = nodes(tree).filter((n) => n.type === "html");
    expect(html.length).toBe(2);
    for (const { value = "" } of html) {
      expect(value).toMatch(/^(?:<details><summary>[^<>]*<\/summary>|<\/details>)$/);
    }
    const lint = lastFailure(2);
    expect(decodeHtml(html[0]?.value ?? "")).toBe(
      `<details><summary>Phase 2 · ${lint.command} · exit code 3 after 2 attempts</summary>`,
    );
    const heading = nodes(tree).find((n) => n.type === "heading" && n.depth === 2);
    expect(textOf(heading as MdNode)).toBe(`❌ ${PROJECT} › ${SLUG}: failed`);
    const [phases, files] = nodes(tree).filter((n) => n.type === "table");
    const cells = (table: MdNode | undefined) =>
      (table?.children ?? []).map((row) => (row.children ?? []).map(textOf));
    expect(cells(phases)).toEqual([
      ["Phase", "Status", "Duration", "Attempts"],
      ["1 · Write", "✅ completed (flaky)", expect.stringMatching(/\d/), "2"],
      [`2 · ${LINT_TITLE}`, "❌ failed", expect.stringMatching(/\d/), "2"],
      ["3", "⏭️ skipped: dependency_failed", "–", "0"],
    ]);
    expect(cells(files)).toContainEqual(["README.md", "1", "modified", "2", "1"]);
    expect(cells(files)).toContainEqual(["new.txt", "1", "created", "", ""]);
    const flaky = nodes(tree)
      .filter((n) => n.type === "listItem")
      .map(textOf);
    expect(flaky).toEqual([
      `Phase 1 · ${records.find((r) => r.type === "verification_failed")?.data.command}: passed on attempt 2 after 1 failure`,
    ]);
  });

  it("shows the end of the failing output verbatim in a code block no line of it can close", async () => {
    const markdown = await exported("markdown");
    const code = nodes(parse(markdown)).filter((n) => n.type === "code");
    const { output } = lastFailure(2);
    const last30 = output.replace(/\n+$/, "").split("\n").slice(-30).join("\n");
    expect(code.map((c) => c.value)).toEqual([last30]);
    expect(last30).toContain("```` not a fence end");
    expect(last30).toContain("::error::pwned");
    expect(last30).toContain("<script>alert(1)</script>");
    expect(markdown).toContain("\n`````text\n");
    expect(markdown).toContain("The end of its output (30 of 46 lines)");
    expect(markdown).not.toContain("\u001b");
  });

  it("stops at a whole row or block within the byte limit and says so", () => {
    const full = formatMarkdownSummary(records as never, auditId);
    const fullBytes = Buffer.byteLength(full);
    for (const maxBytes of [600, 1200, fullBytes - 1]) {
      const cut = formatMarkdownSummary(records as never, auditId, { maxBytes });
      expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(maxBytes);
      expect(cut).toContain(`Summary cut to ${maxBytes} bytes`);
      const kept = cut.slice(0, cut.indexOf("\n> [!WARNING]"));
      expect(full.startsWith(kept)).toBe(true);
      const html = nodes(parse(cut))
        .filter((n) => n.type === "html")
        .map((n) => n.value);
      expect(html.filter((v) => v === "</details>").length).toBe(html.length / 2);
    }
    expect(formatMarkdownSummary(records as never, auditId, { maxBytes: fullBytes })).toBe(full);
  });
});

describe("outputTail", () => {
  it("keeps the last lines, then cuts to the byte limit without splitting a character", () => {
    expect(outputTail("a\nb\nc\n\n", 2, 100)).toEqual({
      text: "b\nc",
      totalLines: 3,
      shownLines: 2,
      complete: false,
    });
    expect(outputTail("a\nb", 5, 100).complete).toBe(true);
    const tail = outputTail(`first\n${"é€😀".repeat(100)}`, 30, 50);
    expect(Buffer.byteLength(tail.text)).toBeLessThanOrEqual(50);
    expect(tail.text).not.toContain("\uFFFD");
    expect(`${"é€😀".repeat(100)}`.endsWith(tail.text)).toBe(true);
    expect(tail.complete).toBe(false);
  });
});

describe("export --format github of a real run", () => {
  it("matches its snapshot (audit id normalised)", async () => {
    await expect(normalised(await exported("github"))).toMatchFileSnapshot(
      "__snapshots__/export-summary.github.txt",
    );
  });

  it("is one workflow command per line that reads back as the original strings", async () => {
    const lines = (await exported("github")).trimEnd().split("\n");
    const lint = lastFailure(2);
    const flakyCommand = String(
      records.find((r) => r.type === "verification_failed" && r.phase === 1)?.data.command,
    );
    const tail = lint.output.replace(/\n+$/, "").split("\n").slice(-30).join("\n");
    expect(lines.map(readCommand)).toEqual([
      {
        command: "error",
        properties: {
          title: `Phase 2: ${oneLine(lint.command)}`,
          file: PHASE_FILE,
        },
        data: `${oneLine(lint.command)}: exit code 3 after 2 attempts\n${tail}`,
      },
      {
        command: "warning",
        properties: {
          title: `Phase 1: ${flakyCommand} (flaky)`,
        },
        data: `${flakyCommand}: passed on attempt 2 after 1 failure`,
      },
    ]);
    // The hostile output is data: its line breaks are escaped, so no line of it starts a command.
    expect(lines.length).toBe(2);
    expect(lines[0]).toContain("%0A::error::pwned%0A");
    expect(lines.join("\n")).not.toContain("\u001b");
  });
});
