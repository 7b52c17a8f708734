import { readFile } from "node:fs/promises";
import type { EventRecord } from "@phaser/events-core";

const UI = new URL("../../dist/ui/", import.meta.url);

/**
 * A self-contained page as a report embeds the UI: the built CSS and script
 * inline, and the records as `<script type="application/json" id="phaser-data">`
 * (every `<` escaped, so no stored string can close the element).
 */
export async function reportPage(events: readonly EventRecord[]): Promise<string> {
  const [css, js] = await Promise.all([
    readFile(new URL("app.css", UI), "utf8"),
    readFile(new URL("app.js", UI), "utf8"),
  ]);
  const data = JSON.stringify({ events }).replace(/</g, "\\u003c");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><title>Audit report</title>',
    `<style>${css}</style></head><body><div id="app"></div>`,
    `<script type="application/json" id="phaser-data">${data}</script>`,
    `<script type="module">${js.replace(/<\/(script)/gi, "<\\/$1")}</script>`,
    "</body></html>",
  ].join("\n");
}
