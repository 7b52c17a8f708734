import { readdirSync, readFileSync } from "node:fs";

/**
 * The environment variable that marks every process a command starts. Each
 * process inherits it, including one that leaves the command's process group
 * or session (`setsid`, a daemon's double fork), so the whole tree can be
 * found and stopped, as Jenkins finds a build's processes by its `BUILD_ID`.
 * A process that clears its environment escapes it; so does any process on a
 * system without `/proc` (the process group still catches what stays in it).
 */
export const TREE_MARK_VARIABLE = "PHASER_EVENTS_COMMAND";

/** A command's process tree: its process group and every process carrying its mark. */
export interface ProcessTree {
  /** The command's first process, leader of its own process group. */
  readonly pid: number;
  /** The value of {@link TREE_MARK_VARIABLE} its processes carry. */
  readonly mark: string;
}

const PROC = "/proc";

function isPid(name: string): boolean {
  return /^\d+$/.test(name);
}

function carries(environ: Buffer, needle: Buffer): boolean {
  // Entries are NUL-separated: match a whole entry, not a suffix of another one.
  const at = environ.indexOf(needle);
  return at === 0 || (at > 0 && environ[at - 1] === 0);
}

/**
 * The live processes carrying `tree`'s mark (none where there is no `/proc`).
 * Synchronous: `/proc` is in memory, a scan of a few hundred processes takes
 * a millisecond, and a process about to exit (a deadline after Ctrl-C) has no
 * event loop left to wait on.
 */
export function markedProcesses(tree: ProcessTree): number[] {
  const needle = Buffer.from(`${TREE_MARK_VARIABLE}=${tree.mark}\0`);
  let names: string[];
  try {
    names = readdirSync(PROC);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const name of names.filter(isPid)) {
    try {
      if (carries(readFileSync(`${PROC}/${name}/environ`), needle)) found.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Sends `signal` to the command's process group, then to each marked process
 * and its own group (a process that called `setsid` leads a group of its own).
 */
export function signalTree(tree: ProcessTree, signal: NodeJS.Signals): void {
  signalGroup(tree.pid, signal);
  for (const pid of markedProcesses(tree)) {
    signalGroup(pid, signal);
    signalProcess(pid, signal);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  if (process.platform === "win32") signalProcess(pid, signal);
  else signalProcess(-pid, signal);
}

/**
 * The trees of the commands running now, so that a process about to exit
 * (a deadline after Ctrl-C) can still kill them.
 */
export const runningTrees = new Set<ProcessTree>();

/** SIGKILLs every running command's tree, synchronously. */
export function killRunningTreesSync(): void {
  for (const tree of runningTrees) signalTree(tree, "SIGKILL");
}
