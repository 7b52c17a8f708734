import { html } from "../html.js";
import { RouteModeContext } from "../route/route-link.js";
import type { RouteMode } from "../route/use-route.js";
import { useRoute } from "../route/use-route.js";
import type { AppStore } from "../state/app-store.js";
import { StoreContext } from "../state/use-store.js";
import { AuditView } from "./audit/audit-view.js";
import { AuditsView } from "./audits/audits-view.js";
import { InsightsView } from "./insights/insights-view.js";
import { PageHeader } from "./page-header.js";

export interface AppProps {
  readonly store: AppStore;
  readonly mode: RouteMode;
}

/** The whole page: a header with the views' links and the live status, then the view the route names. */
export function App({ store, mode }: AppProps) {
  const [route, navigate] = useRoute(mode);
  const view =
    route.view === "audit" && route.audit !== undefined
      ? html`<${AuditView} key=${route.audit} route=${route} navigate=${navigate} />`
      : route.view === "insights"
        ? html`<${InsightsView} route=${route} navigate=${navigate} />`
        : html`<${AuditsView} route=${route} navigate=${navigate} />`;
  return html`
    <${StoreContext.Provider} value=${store}>
      <${RouteModeContext.Provider} value=${mode}>
        <${PageHeader} route=${route} navigate=${navigate} />
        <main id="main" tabindex="-1">${view}</main>
      <//>
    <//>
  `;
}
