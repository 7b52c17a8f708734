import { createColors } from "picocolors";

/**
 * Colours for stdout: on only for a terminal, never with `NO_COLOR` (any
 * value, https://no-color.org) or `TERM=dumb`; `FORCE_COLOR` turns them on.
 * picocolors' own default also colours any output under `CI`, which would put
 * escape codes into files and pipes.
 */
export function colorsEnabled(
  env: NodeJS.ProcessEnv = process.env,
  isTTY: boolean = process.stdout.isTTY === true,
): boolean {
  if ("NO_COLOR" in env && env.NO_COLOR !== "") return false;
  if ("FORCE_COLOR" in env && env.FORCE_COLOR !== "0") return true;
  return isTTY && env.TERM !== "dumb";
}

export const pc = createColors(colorsEnabled());
