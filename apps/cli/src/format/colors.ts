import { createColors } from "picocolors";
import { type CliIo, cliIo } from "../io/cli-io.js";

/**
 * Colours for stdout: on only for a terminal, never with `NO_COLOR` (any
 * value, https://no-color.org) or `TERM=dumb`; `FORCE_COLOR` turns them on.
 * picocolors' own default also colours any output under `CI`, which would put
 * escape codes into files and pipes.
 */
export function colorsEnabled(
  env: NodeJS.ProcessEnv = cliIo().env,
  isTTY: boolean = cliIo().stdout.isTTY === true,
): boolean {
  if ("NO_COLOR" in env && env.NO_COLOR !== "") return false;
  if ("FORCE_COLOR" in env && env.FORCE_COLOR !== "0") return true;
  return isTTY && env.TERM !== "dumb";
}

type Colors = ReturnType<typeof createColors>;
const colorsByIo = new WeakMap<CliIo, Colors>();
const byProcess = { on: createColors(true), off: createColors(false) };

/** The colours of the command running now: {@link colorsEnabled} for its environment and stdout. */
export function pc(): Colors {
  const io = cliIo();
  let colors = colorsByIo.get(io);
  if (colors === undefined) {
    colors = colorsEnabled(io.env, io.stdout.isTTY === true) ? byProcess.on : byProcess.off;
    colorsByIo.set(io, colors);
  }
  return colors;
}
