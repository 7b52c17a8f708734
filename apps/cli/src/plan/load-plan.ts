import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { PlanError } from "../errors/plan-error.js";
import { type AuditPlan, auditPlanSchema } from "./plan-schema.js";

/** `phases[1].verify[0]` for the zod path `["phases", 1, "verify", 0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

/** Validates a parsed plan; the first problem becomes a {@link PlanError} naming `path` and the field. */
export function parsePlan(value: unknown, path: string): AuditPlan {
  const result = auditPlanSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  throw new PlanError(path, formatPath(issue.path), issue.message);
}

/**
 * Reads an audit plan from a `.json` file (JSON) or any other file (YAML,
 * which JSON is also valid as) and validates it.
 */
export async function loadPlan(path: string): Promise<AuditPlan> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PlanError(path, "", code === "ENOENT" ? "no such file" : (error as Error).message);
  }
  let value: unknown;
  try {
    value = extname(path).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new PlanError(
      path,
      "",
      `not valid ${extname(path) === ".json" ? "JSON" : "YAML"}: ${(error as Error).message}`,
    );
  }
  return parsePlan(value, path);
}
