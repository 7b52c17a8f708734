import { parseArgs } from "node:util";

export interface CliArgs {
  readonly smoke: boolean;
  readonly markdown: boolean;
  /** Target ids to run ("P1", …), or every target when undefined. */
  readonly only: readonly string[] | undefined;
  /** Internal: run this one target in this process and send its report to the parent. */
  readonly worker: string | undefined;
  /** Internal, with `worker`: the run's temp directory. */
  readonly tmp: string | undefined;
}

export const USAGE = "usage: node --expose-gc dist/run.js [--smoke] [--markdown] [--only P1,P3]";

/** Parses the command line; throws a TypeError with the usage on anything unknown. */
export function parseCliArgs(argv: readonly string[], known: readonly string[]): CliArgs {
  let values: { smoke?: boolean; markdown?: boolean; only?: string; worker?: string; tmp?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        smoke: { type: "boolean" },
        markdown: { type: "boolean" },
        only: { type: "string" },
        worker: { type: "string" },
        tmp: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new TypeError(`${(error as Error).message}\n${USAGE}`);
  }
  const only = values.only
    ?.split(",")
    .map((id) => id.trim().toUpperCase())
    .filter((id) => id !== "");
  const unknown = only?.filter((id) => !known.includes(id)) ?? [];
  if (unknown.length > 0) {
    throw new TypeError(
      `unknown target ${unknown.join(", ")} (known: ${known.join(", ")})\n${USAGE}`,
    );
  }
  if ((values.worker === undefined) !== (values.tmp === undefined)) {
    throw new TypeError(`--worker and --tmp go together\n${USAGE}`);
  }
  return {
    smoke: values.smoke ?? false,
    markdown: values.markdown ?? false,
    only,
    worker: values.worker,
    tmp: values.tmp,
  };
}
