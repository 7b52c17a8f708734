import { createHash } from "node:crypto";
import { makeRecord } from "@phaser/events-storage-testkit";
import { describe, expect, it } from "vitest";
import { renderAuditReport } from "../src/index.js";

const HOSTILE = '</script><script>alert(1)</script><!-- "><img src=x onerror=alert(1)>';
const records = [
  makeRecord({
    type: "audit_started",
    audit_id: "a-1",
    timestamp: "2025-12-05T10:00:00.000Z",
    data: { project: HOSTILE, slug: "s", phases_total: 1 },
  }),
  makeRecord({
    type: "verification_failed",
    audit_id: "a-1",
    phase: 1,
    timestamp: "2025-12-05T10:00:01.000Z",
    data: { command: HOSTILE, exit_code: 1, duration_ms: 5, output: `${HOSTILE}\u2028` },
  }),
];

const between = (html: string, start: string, end: string) => {
  const from = html.indexOf(start) + start.length;
  return html.slice(from, html.indexOf(end, from));
};
const hash = (text: string) => `sha256-${createHash("sha256").update(text).digest("base64")}`;

describe("renderAuditReport", () => {
  it("embeds the records exactly, with no way out of their element", async () => {
    const html = await renderAuditReport({ records, auditId: "a-1" });
    // Two script elements (the data and the UI) and one style: the hostile strings opened none.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain("<img");
    const json = between(html, '<script type="application/json" id="phaser-data">', "</script>");
    expect(json).not.toContain("<");
    const data = JSON.parse(json);
    expect(data.events).toEqual(records);
    expect(data.open).toBe("audit=a-1");
    expect(data.audits.map((a: { auditId: string }) => a.auditId)).toEqual(["a-1"]);
  });

  it("allows only its own inline script and style, by hash, and no connection", async () => {
    const html = await renderAuditReport({ records });
    const csp = between(html, '<meta http-equiv="Content-Security-Policy" content="', '">');
    const script = between(html, '<script type="module">', "</script>");
    const style = between(html, "<style>", "</style>");
    expect(csp).toBe(
      [
        "default-src 'none'",
        `script-src '${hash(script)}'`,
        `style-src '${hash(style)}'`,
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
      ].join("; "),
    );
    expect(JSON.parse(between(html, 'id="phaser-data">', "</script>")).open).toBeUndefined();
  });

  it("titles the page with the audit, escaped and without terminal controls", async () => {
    const html = await renderAuditReport({ records, auditId: "a-1" });
    expect(between(html, "<title>", "</title>")).toBe(
      "\u2068&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#60;!-- &#34;&#62;&#60;img src=x onerror=alert(1)&#62;\u2069 / \u2068s\u2069",
    );
    const plain = await renderAuditReport({ records, title: "CI run \x1b]0;owned\x07 42" });
    expect(between(plain, "<title>", "</title>")).toBe("CI run  42");
  });

  it("isolates each stored part of the title: a right-to-left override ends with its part", async () => {
    const withProject = (project: string) =>
      records.map((r) => (r.type === "audit_started" ? { ...r, data: { ...r.data, project } } : r));
    const title = async (project: string) =>
      between(
        await renderAuditReport({ records: withProject(project), auditId: "a-1" }),
        "<title>",
        "</title>",
      );
    // A stored PDI closed the title's isolate early, and the override after it reached " / s".
    expect(await title("shop\u2069\u202E")).toBe(
      "\u2068shop&#60;U+2069&#62;&#60;U+202E&#62;\u2069 / \u2068s\u2069",
    );
    expect(await title("חנות")).toBe("\u2068חנות\u2069 / \u2068s\u2069");
    const given = await renderAuditReport({ records, title: "CI \u202Erun\u2069" });
    expect(between(given, "<title>", "</title>")).toBe("CI &#60;U+202E&#62;run&#60;U+2069&#62;");
  });
});
