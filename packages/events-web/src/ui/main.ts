import { render } from "preact";
import type { DataSource } from "./data/data-source.js";
import { EmbeddedSource, readEmbeddedData } from "./data/embedded-source.js";
import { HttpSource } from "./data/http-source.js";
import { takePageToken } from "./data/page-token.js";
import { html } from "./html.js";
import { type RouteMode, readRoute } from "./route/use-route.js";
import { AppStore } from "./state/app-store.js";
import { App } from "./views/app.js";

/**
 * Boots the page: from data embedded in it (`#phaser-data`, the
 * self-contained report: no network at all) when present, else from the
 * server that served it.
 */
function boot(): void {
  const root = document.getElementById("app");
  if (root === null) throw new Error("the page has no #app element");
  const embedded = readEmbeddedData(document);
  // A report made for one audit opens on it; a fragment (a link, a reload) says otherwise.
  if (embedded?.open !== undefined && location.hash === "") {
    history.replaceState(null, "", `#${embedded.open}`);
  }
  const source: DataSource = embedded
    ? new EmbeddedSource(embedded)
    : new HttpSource("", takePageToken());
  const mode: RouteMode = embedded ? "hash" : "query";
  const store = new AppStore(source);
  void store.start();
  // A deep link's audit is asked for now, not once its view has drawn (after the first paint):
  // the view joins this load. (Preloading it with the page, <link rel="preload">, was slower:
  // the server builds the audit's JSON while the browser waits for the script; see BENCHMARKS.md.)
  const route = readRoute(mode);
  if (route.view === "audit" && route.audit !== undefined) {
    store.loadAudit(route.audit).catch(() => {});
  }
  render(html`<${App} store=${store} mode=${mode} />`, root);
}

boot();
