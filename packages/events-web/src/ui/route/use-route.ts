import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Route } from "./route.js";
import { formatRoute, parseRoute } from "./route-codec.js";
import { patchRoute, type RoutePatch } from "./route-patch.js";

/**
 * Where the route lives in the address: the query (`?audit=…`) when served,
 * the fragment (`#audit=…`) in a report opened from disk, where a file: URL's
 * query cannot be changed by `history`.
 */
export type RouteMode = "query" | "hash";

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (typing, zooming). */
  readonly replace?: boolean;
}

export type Navigate = (patch: RoutePatch, options?: NavigateOptions) => void;

export function readRoute(mode: RouteMode): Route {
  return parseRoute(mode === "hash" ? location.hash.slice(1) : location.search);
}

/** The address of `route` in `mode`: for links' `href` and for `history`. */
export function addressOf(route: Route, mode: RouteMode): string {
  const query = formatRoute(route);
  if (mode === "hash") return query === "?" ? location.pathname : `#${query.slice(1)}`;
  return query === "?" ? location.pathname : query;
}

/** The route in the address bar, and how to change it: back and forward move between routes. */
export function useRoute(mode: RouteMode): [Route, Navigate] {
  const [route, setRoute] = useState(() => readRoute(mode));
  const current = useRef(route);
  current.current = route;
  useEffect(() => {
    const onPop = () => setRoute(readRoute(mode));
    window.addEventListener("popstate", onPop);
    if (mode === "hash") window.addEventListener("hashchange", onPop);
    return () => {
      window.removeEventListener("popstate", onPop);
      window.removeEventListener("hashchange", onPop);
    };
  }, [mode]);
  const navigate = useCallback<Navigate>(
    (patch, options = {}) => {
      const next = patchRoute(current.current, patch);
      const address = addressOf(next, mode);
      if (options.replace === true) history.replaceState(null, "", address);
      else if (formatRoute(next) !== formatRoute(current.current)) {
        history.pushState(null, "", address);
      }
      current.current = next;
      setRoute(next);
    },
    [mode],
  );
  return [route, navigate];
}
