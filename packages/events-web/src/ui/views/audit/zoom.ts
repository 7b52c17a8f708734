import { clampZoom } from "../../route/route-codec.js";

/** One step of zooming in or out: ×1.5, rounded to two decimals, within the allowed range. */
export function zoomStep(zoom: number, direction: 1 | -1): number {
  return clampZoom(direction === 1 ? zoom * 1.5 : zoom / 1.5);
}

/** The zoom a key asks for (`+`/`=` in, `-` out, `0` fit), if it asks for one. */
export function zoomForKey(key: string, zoom: number): number | undefined {
  if (key === "+" || key === "=") return zoomStep(zoom, 1);
  if (key === "-" || key === "_") return zoomStep(zoom, -1);
  if (key === "0") return 1;
  return undefined;
}
