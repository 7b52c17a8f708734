// What `run` and `demo` need and no other command does (the plan parser with YAML, the workspace
// diff, the ignore rules, the event helpers): loaded when one of them runs, so that `emit`, `list`
// and the rest start without it.

export { loadPlan } from "../plan/load-plan.js";
export { executePlan } from "./execute-plan.js";
