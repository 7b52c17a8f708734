import type { z } from "zod";

/** One problem of a plan: where, and what, in plain words. */
export interface PlanProblem {
  /** The field, e.g. `phases[1].verify[0]`; empty for the plan as a whole. */
  readonly field: string;
  readonly message: string;
}

/** `phases[1].verify[0]` for the zod path `["phases", 1, "verify", 0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

/** The value at `path` in `value`, as written in the plan. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** Edit distance of two short strings (Levenshtein), for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** The known key closest to `key`, when it is a likely typo. */
function suggestion(key: string, known: readonly string[]): string | undefined {
  const ranked = known
    .map((name) => ({ name, d: distance(key.toLowerCase(), name) }))
    .sort((a, b) => a.d - b.d);
  const best = ranked[0];
  return best !== undefined && best.d <= Math.max(1, Math.floor(best.name.length / 3))
    ? best.name
    : undefined;
}

const KINDS: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping of keys to values",
};

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number")
    return `${Number.isInteger(value) ? "a whole number" : "a number"} (${value})`;
  if (typeof value === "boolean") return `${value}`;
  if (typeof value === "object") return "a mapping";
  return typeof value === "string" ? "text" : typeof value;
}

/**
 * Every problem zod found in a plan, in plain words: unknown keys with a
 * "did you mean", the kind a value must be and the kind it is, and a hint to
 * quote a YAML scalar (`true`, `1.0`, `null`) that was meant as text.
 */
export function planProblems(
  issues: readonly z.core.$ZodIssue[],
  plan: unknown,
  knownKeys: (path: readonly PropertyKey[]) => readonly string[],
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  for (const issue of issues) {
    const value = valueAt(plan, issue.path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          const near = suggestion(key, knownKeys(issue.path));
          problems.push({
            field: formatPath([...issue.path, key]),
            message: `unknown key${near === undefined ? "" : `; did you mean "${near}"?`} (known: ${knownKeys(issue.path).join(", ")})`,
          });
        }
        continue;
      case "invalid_type": {
        const expected = KINDS[issue.expected] ?? issue.expected;
        const scalar =
          issue.expected === "string" &&
          (typeof value === "boolean" || typeof value === "number" || value === null);
        problems.push({
          field: formatPath(issue.path),
          message:
            value === undefined
              ? `is missing: it must be ${expected}`
              : `must be ${expected}, not ${kindOf(value)}${scalar ? `; YAML reads an unquoted ${String(value)} as ${typeof value === "boolean" ? "a boolean" : value === null ? "nothing" : "a number"}: quote it to keep it as text ("${String(value)}")` : ""}`,
        });
        continue;
      }
      case "too_small":
        problems.push({
          field: formatPath(issue.path),
          message:
            issue.origin === "string"
              ? "must not be empty"
              : issue.origin === "array"
                ? `needs at least ${issue.minimum} ${issue.minimum === 1 ? "entry" : "entries"}`
                : `must be at least ${issue.minimum}, not ${JSON.stringify(value)}`,
        });
        continue;
      case "too_big":
        problems.push({
          field: formatPath(issue.path),
          message: `must be at most ${issue.maximum}, not ${JSON.stringify(value)}`,
        });
        continue;
      default:
        problems.push({ field: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
}
