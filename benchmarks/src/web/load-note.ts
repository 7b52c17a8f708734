import { cpus, loadavg } from "node:os";

/**
 * The machine's load when a browser target starts: Chromium's renderer, its
 * browser process and our server share the cores, so another job on the
 * machine shows in every figure.
 */
export function loadNote(): string {
  const [one = 0, five = 0] = loadavg();
  return `load average ${one.toFixed(1)} (1 min) / ${five.toFixed(1)} (5 min) on ${cpus().length} cores when the target started`;
}
