import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { PlanError } from "../errors/plan-error.js";
import { planProblems } from "./plan-issues.js";
import { type AuditPlan, auditPlanSchema, phasePlanSchema } from "./plan-schema.js";

/** The keys a plan (path `[]`) or a phase (`["phases", n]`) may have. */
function knownKeys(path: readonly PropertyKey[]): readonly string[] {
  return Object.keys(path.length === 0 ? auditPlanSchema.shape : phasePlanSchema.shape);
}

/**
 * Validates a parsed plan. Every problem, in plain words, goes into one
 * {@link PlanError} naming `path` and each field.
 */
export function parsePlan(value: unknown, path: string): AuditPlan {
  const result = auditPlanSchema.safeParse(value);
  if (result.success) return result.data;
  const [first, ...more] = planProblems(result.error.issues, value, knownKeys);
  throw new PlanError(path, first?.field ?? "", first?.message ?? "not a valid plan", more);
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
