import { type ComponentType, createElement, type FunctionComponent } from "preact";

/**
 * `component`, drawn again only when one of its props changed (compared with
 * `===`), as React's and `preact/compat`'s `memo` (compat itself is not
 * loaded: it patches Preact globally). Its own state and context changes
 * still draw it. The audit view's chart and table cost tens of milliseconds
 * each to draw; a change of the page's live status must not draw them again.
 */
export function memo<P extends object>(component: FunctionComponent<P>): ComponentType<P> {
  function Memo(this: { props: P; shouldComponentUpdate?: (next: P) => boolean }, props: P) {
    this.shouldComponentUpdate = (next: P) => differs(this.props, next);
    return createElement(component, props);
  }
  Memo.displayName = `Memo(${component.displayName ?? component.name})`;
  // Preact calls a function whose prototype says so as a class: `this` is the component.
  Memo.prototype.isReactComponent = true;
  return Memo as unknown as ComponentType<P>;
}

function differs(a: object, b: object): boolean {
  const before = a as Record<string, unknown>;
  const after = b as Record<string, unknown>;
  for (const key in before) if (key !== "__source" && !(key in after)) return true;
  for (const key in after) if (key !== "__source" && before[key] !== after[key]) return true;
  return false;
}
