import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Route } from "./route.js";
import { patchRoute, type RoutePatch } from "./route-patch.js";
import { addressOf, type Navigate, type RouteMode } from "./use-route.js";

export const RouteModeContext = createContext<RouteMode>("query");

/**
 * Props for an `<a>` that goes to `route` changed by `patch`: a real `href`
 * (open in a new tab, copy the link) and, on a plain click, a change of route
 * without a reload.
 */
export function useRouteLink(route: Route, navigate: Navigate) {
  const mode = useContext(RouteModeContext);
  return (patch: RoutePatch) => ({
    href: addressOf(patchRoute(route, patch), mode),
    onClick: (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      navigate(patch);
    },
  });
}
