import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { contentTypeOf } from "../content-types.js";
import { HttpError } from "../errors/http-error.js";
import type { RouteRequest } from "../server-context.js";

/**
 * `GET /`, `/index.html` and the other files of the UI folder. Only regular
 * files inside the folder are served: a path with `..`, `.`, a hidden or an
 * empty segment (encoded or not), a backslash or a NUL, a folder (no
 * listing) and a symlink whose target lies outside the folder are all 404.
 */
export async function serveStatic({ req, res, target, context }: RouteRequest): Promise<void> {
  const path = await resolveFile(context.uiRoot, target.pathname);
  const info = path === undefined ? undefined : await stat(path).catch(() => undefined);
  if (path === undefined || info === undefined || !info.isFile()) throw notFound();
  res.statusCode = 200;
  res.setHeader("Content-Type", contentTypeOf(path));
  res.setHeader("Content-Length", info.size);
  res.setHeader("Cache-Control", "no-cache");
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await pipeline(createReadStream(path), res);
}

/** The real path of the file `pathname` names inside `root`, or undefined when it names none. */
async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  if (decoded === "/") return resolveInside(root, "index.html");
  // An empty segment too (`/index.html/`, `//app.js`): a page at `/index.html/` would load its
  // `app.js` from `/index.html/app.js`, and show nothing.
  const segments = decoded.slice(1).split("/");
  if (segments.some((segment) => segment === "" || segment.startsWith("."))) return undefined;
  return resolveInside(root, segments.join("/"));
}

async function resolveInside(root: string, relative: string): Promise<string | undefined> {
  const real = await realpath(join(root, relative)).catch(() => undefined);
  return real?.startsWith(root + sep) ? real : undefined;
}

function notFound(): HttpError {
  return new HttpError("NOT_FOUND", "no such page");
}
