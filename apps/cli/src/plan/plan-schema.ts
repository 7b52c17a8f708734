import { z } from "zod";

/** Text of a plan: a shell command or a name can hold no NUL (C strings end there). */
const text = () =>
  z
    .string()
    .trim()
    .min(1)
    .refine((value) => !value.includes("\0"), {
      error: "contains a NUL character, which no command or name can hold",
    });

/** One phase of an audit plan file. */
export const phasePlanSchema = z.strictObject({
  /** What the phase does (`phase_started.description`). */
  title: text(),
  /** The phase's document (`phase_started.file`). */
  file: text().optional(),
  /** The shell command that does the phase's work, run once in `--cwd`. */
  run: text().optional(),
  /** Shell commands that check the work, run in order; the first failure ends an attempt. */
  verify: z.array(text()).default([]),
  /** How many times the verification is run again after a failure. */
  retries: z.number().int().min(0).max(100).default(0),
  /** Skip the phase (`phase_skipped` with reason `user_request`). */
  skip: z.boolean().default(false),
});

/** One gitignore pattern: a line of a `.gitignore`, so no line break (nor NUL). */
const ignorePatternSchema = z
  .string()
  .min(1)
  .refine((pattern) => !/[\0\r\n]/.test(pattern), {
    error: "a pattern is one line of gitignore syntax: no line break or NUL",
  });

/** An audit plan file: `phaser-events run <plan.yaml|plan.json>`. */
export const auditPlanSchema = z.strictObject({
  /** `audit_started.project`. */
  project: text(),
  /** `audit_started.slug`. */
  slug: text(),
  phases: z.array(phasePlanSchema).min(1),
  /** Files whose changes are not recorded, in gitignore syntax, beyond what `.gitignore` excludes. */
  ignore: z.array(ignorePatternSchema).default([]),
  /** Whether the default ignores for build noise apply (`__pycache__/`, `node_modules/`…). */
  default_ignores: z.boolean().default(true),
});

export type PhasePlan = z.output<typeof phasePlanSchema>;
export type AuditPlan = z.output<typeof auditPlanSchema>;
/** A plan as written, before defaults apply. */
export type AuditPlanInput = z.input<typeof auditPlanSchema>;
