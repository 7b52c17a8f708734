import { describe, expect, it } from "vitest";
import { isPlanError, type PlanError } from "../errors/plan-error.js";
import { parsePlan } from "./load-plan.js";

function refusal(plan: unknown): PlanError {
  try {
    parsePlan(plan, "plan.yaml");
  } catch (error) {
    if (isPlanError(error)) return error;
    throw error;
  }
  throw new Error("the plan was accepted");
}

describe("plan errors", () => {
  it("lists every problem at once, in plain words, with did-you-mean and YAML quoting hints", () => {
    const error = refusal({
      project: "",
      slug: 3,
      phases: [
        { title: "Build", verfy: ["make"], retries: 1.5 },
        { title: true, verify: [null] },
      ],
      ignroe: ["dist/"],
    });
    const problems = Object.fromEntries(error.problems.map((p) => [p.field, p.message]));
    expect(problems).toEqual({
      project: "must not be empty",
      slug: expect.stringMatching(/^must be text, not a whole number \(3\); .*quote it .*"3"/),
      "phases[0].verfy": expect.stringMatching(/^unknown key; did you mean "verify"\?/),
      "phases[0].retries": "must be a whole number, not a number (1.5)",
      "phases[1].title": expect.stringMatching(/^must be text, not true; .*quote it .*"true"/),
      "phases[1].verify[0]": expect.stringMatching(/^must be text, not nothing; .*"null"/),
      ignroe: expect.stringMatching(/^unknown key; did you mean "ignore"\?/),
    });
    expect(error.message).toMatch(/^invalid plan plan\.yaml: 7 problems\n {2}at project: /);
    expect(error.field).toBe(error.problems[0]?.field);
  });

  it("keeps one problem on one line, and says what is missing", () => {
    const error = refusal({ slug: "s", phases: [{ title: "t" }] });
    expect(error.message).toBe("invalid plan plan.yaml at project: is missing: it must be text");
  });

  it("refuses a NUL in a command or a name", () => {
    const error = refusal({ project: "p", slug: "s", phases: [{ title: "t", run: "echo a\0b" }] });
    expect(error.problems).toEqual([
      { field: "phases[0].run", message: expect.stringMatching(/NUL/) },
    ]);
  });

  it("does not guess for a key far from every known one", () => {
    const error = refusal({ project: "p", slug: "s", phases: [{ title: "t", zzzzzz: 1 }] });
    expect(error.problems[0]?.message).toMatch(/^unknown key \(known: title, file, run, verify/);
  });
});
