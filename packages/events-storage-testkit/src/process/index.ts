export { isUuid, occurrences } from "./process-checks.js";
export type { Exit, FixtureProcess, SpawnFixtureOptions } from "./spawn-node-script.js";
export { spawnNodeScript } from "./spawn-node-script.js";
