import { useLayoutEffect, useRef } from "preact/hooks";

/**
 * Keeps one element where the reader sees it while content above it changes:
 * after each render, if `anchor()` is the element it was before, the scroller
 * (`container`, else the window) is moved by however far the element moved.
 * The position is taken after each render and each scroll, so the reader's own
 * scrolling is never undone.
 */
export function useScrollAnchor(
  anchor: () => Element | null,
  container?: () => HTMLElement | null,
): void {
  const last = useRef<{ element: Element; top: number } | undefined>(undefined);
  const measure = () => {
    const element = anchor();
    last.current =
      element === null ? undefined : { element, top: element.getBoundingClientRect().top };
  };
  useLayoutEffect(() => {
    const previous = last.current;
    const element = anchor();
    if (previous !== undefined && element !== null && element === previous.element) {
      const moved = element.getBoundingClientRect().top - previous.top;
      if (Math.abs(moved) >= 1) {
        const scroller = container?.();
        if (scroller) scroller.scrollTop += moved;
        else window.scrollBy(0, moved);
      }
    }
    measure();
  });
  useLayoutEffect(() => {
    const target: EventTarget = container?.() ?? window;
    const onScroll = () => measure();
    target.addEventListener("scroll", onScroll, { passive: true });
    document.addEventListener("focusin", onScroll);
    return () => {
      target.removeEventListener("scroll", onScroll);
      document.removeEventListener("focusin", onScroll);
    };
  }, []);
}
