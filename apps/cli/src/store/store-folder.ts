import { lstat, readlink, stat } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Why `dir` cannot be a JSON store's folder, in words; `null` when it can: it
 * is a directory (or a symlink to one), or it does not exist yet and can be
 * created (its nearest existing ancestor is a directory). Every command that
 * reads or writes refuses such a folder; `doctor` reports it instead of
 * inspecting files that cannot be there.
 */
export async function storeFolderProblem(dir: string): Promise<string | null> {
  const where = `the store folder ${dir}`;
  const link = await lstat(dir).catch((error: NodeJS.ErrnoException) => error);
  if (link instanceof Error) {
    if (link.code === "ENOENT") return missingFolderProblem(dir);
    return pathError(where, link);
  }
  if (link.isDirectory()) return null;
  if (!link.isSymbolicLink()) return `${where} is ${kindOf(link)}, not a folder`;
  const target = await readlink(dir).catch(() => "?");
  const followed = await stat(dir).catch((error: NodeJS.ErrnoException) => error);
  if (followed instanceof Error) {
    if (followed.code === "ENOENT") {
      return `${where} is a symlink to ${target}, which does not exist (a dangling symlink): no store can be created through it`;
    }
    if (followed.code === "ELOOP") return `${where} is a symlink loop (it points to ${target})`;
    return pathError(where, followed);
  }
  if (followed.isDirectory()) return null;
  return `${where} is a symlink to ${target}, which is ${kindOf(followed)}, not a folder`;
}

/** A folder that does not exist is made by the first write, if its nearest existing ancestor is a folder. */
async function missingFolderProblem(dir: string): Promise<string | null> {
  for (let parent = dirname(dir); ; parent = dirname(parent)) {
    const found = await stat(parent).catch((error: NodeJS.ErrnoException) => error);
    if (!(found instanceof Error)) {
      return found.isDirectory()
        ? null
        : `the store folder ${dir} cannot be created: ${parent} is ${kindOf(found)}, not a folder`;
    }
    if (found.code !== "ENOENT" || dirname(parent) === parent) {
      return pathError(`the store folder ${dir} cannot be created: ${parent}`, found);
    }
  }
}

function pathError(where: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOTDIR":
      return `${where} is inside a file, not a folder (ENOTDIR)`;
    case "ELOOP":
      return `${where} goes through a symlink loop (ELOOP)`;
    case "EACCES":
    case "EPERM":
      return `${where} cannot be read: permission denied (${error.code})`;
    default:
      return `${where} cannot be read (${error.code ?? "error"}): ${error.message}`;
  }
}

function kindOf(info: import("node:fs").Stats): string {
  if (info.isFile()) return "a file";
  if (info.isFIFO()) return "a named pipe";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "an unknown kind of file";
}
