/** Tick steps, in ms: 1-2-5 from 1 ms to a day. */
const STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5,
  36e5, 72e5, 144e5, 216e5, 432e5, 864e5,
];

/**
 * Ticks for a span of `spanMs` drawn `widthPx` wide: offsets from its start,
 * about one every `minGapPx` pixels, at a round step.
 */
export function timeTicks(
  spanMs: number,
  widthPx: number,
  minGapPx = 90,
): { step: number; ticks: number[] } {
  const wanted = Math.max(1, Math.floor(widthPx / minGapPx));
  const step = STEPS.find((s) => spanMs / s <= wanted) ?? (STEPS[STEPS.length - 1] as number);
  const ticks: number[] = [];
  for (let t = 0; t <= spanMs + 1e-9; t += step) ticks.push(t);
  return { step, ticks };
}
