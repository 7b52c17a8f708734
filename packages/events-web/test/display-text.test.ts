import { describe, expect, it } from "vitest";
import { displayText, showBidiControls } from "../src/ui/format/display-text.js";
import { cutSummary, summarizeEvent } from "../src/ui/format/summarize-event.js";

/** Every bidirectional formatting character the page must show instead of obeying. */
const BIDI_CONTROLS = [
  "\u061c",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
];

describe("displayText", () => {
  it("shows each bidi formatting character as its code point instead of letting it act", () => {
    expect(displayText("shop\u2069\u202E")).toBe("shop<U+2069><U+202E>");
    expect(displayText("src/invoice\u202Egnp.js")).toBe("src/invoice<U+202E>gnp.js");
    expect(BIDI_CONTROLS.map(showBidiControls)).toEqual([
      "<U+061C>",
      "<U+200E>",
      "<U+200F>",
      "<U+202A>",
      "<U+202B>",
      "<U+202C>",
      "<U+202D>",
      "<U+202E>",
      "<U+2066>",
      "<U+2067>",
      "<U+2068>",
      "<U+2069>",
    ]);
  });

  it("keeps right-to-left letters, and strips terminal controls as before", () => {
    expect(displayText("src/חשבונית.js · فاتورة")).toBe("src/חשבונית.js · فاتورة");
    expect(displayText(`ok\x1b]0;title\x07 \x1b[31mred\x1b[0m`)).toBe("ok red");
    expect(displayText(42)).toBe("42");
    expect(displayText(null)).toBe("");
  });
});

/** A summary as text, each stored part in brackets. */
const marked = (type: string, data: Parameters<typeof summarizeEvent>[1]) =>
  summarizeEvent(type, data)
    .map((part) => (part.stored ? `[${part.text}]` : part.text))
    .join("");

describe("summarizeEvent", () => {
  it("keeps each stored value a part of its own, apart from the UI's words and numbers", () => {
    const path = "src/invoice\u202Egnp.js";
    expect(marked("file_modified", { path, lines_added: 120, lines_removed: 3 })).toBe(
      "[src/invoice<U+202E>gnp.js] (+[120] −[3])",
    );
    expect(
      marked("audit_started", { project: "shop\u2069\u202E", slug: "s", phases_total: 2 }),
    ).toBe("[shop<U+2069><U+202E>] · [s] · 2 phases");
    expect(marked("phase_failed", { error: "first\u202E\nsecond", attempts: 1 })).toBe(
      "[first<U+202E>] · 1 attempt",
    );
    expect(marked("file_created", { path: "src/חשבונית" })).toBe("[src/חשבונית]");
    expect(marked("phase_skipped", {})).toBe("reason ?");
  });

  it("cuts a summary to the table's length across its parts", () => {
    const summary = summarizeEvent("file_modified", {
      path: "x".repeat(10),
      lines_added: 120,
      lines_removed: 3,
    });
    expect(cutSummary(summary, 14)).toEqual([
      { text: "x".repeat(10), stored: true },
      { text: " (+", stored: false },
      { text: "1", stored: true },
    ]);
    expect(cutSummary(summary, 100)).toEqual(summary);
  });
});
