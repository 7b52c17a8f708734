import { html } from "../html.js";
import type { Route } from "../route/route.js";
import type { Navigate } from "../route/use-route.js";
import { useStore } from "../state/use-store.js";
import { LiveBadge } from "./live-badge.js";
import { NavLink } from "./nav-link.js";

export interface ViewProps {
  readonly route: Route;
  readonly navigate: Navigate;
}

/** The banner: the product, the two top-level views, the live status. */
export function PageHeader({ route, navigate }: ViewProps) {
  const store = useStore();
  return html`
    <header class="page-header" role="banner">
      <a class="skip-link" href="#main">Skip to content</a>
      <span class="brand">Phaser events</span>
      <nav aria-label="Views">
        <${NavLink}
          label="Audits"
          current=${route.view !== "insights"}
          onGo=${() => navigate({ view: "audits", audit: undefined })}
        />
        <${NavLink}
          label="Insights"
          current=${route.view === "insights"}
          onGo=${() => navigate({ view: "insights" })}
        />
      </nav>
      <${LiveBadge} status=${store.status} />
    </header>
  `;
}
