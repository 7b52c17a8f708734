import type { Route } from "./route.js";

/** A change to a route: a key set to `undefined` is removed. */
export type RoutePatch = { readonly [K in keyof Route]?: Route[K] | undefined };

/** `route` with `patch` applied. */
export function patchRoute(route: Route, patch: RoutePatch): Route {
  const next: Record<string, unknown> = { ...route };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as unknown as Route;
}
