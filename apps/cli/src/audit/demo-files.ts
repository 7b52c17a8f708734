import { fileURLToPath } from "node:url";

/** The bundled demo: `demo/greeter` (the project) and `demo/plans` (its two audit plans). */
const DEMO_ROOT = new URL("../demo/", import.meta.url);

/** The demo project, copied to a temporary folder before each demo. */
export const DEMO_PROJECT_DIR = fileURLToPath(new URL("greeter/", DEMO_ROOT));

/** The two sample plans, in the order the demo runs them. */
export const DEMO_PLANS = {
  completed: fileURLToPath(new URL("plans/completed.yaml", DEMO_ROOT)),
  abandoned: fileURLToPath(new URL("plans/abandoned.yaml", DEMO_ROOT)),
} as const;
