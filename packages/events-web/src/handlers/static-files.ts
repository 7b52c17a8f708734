import { createReadStream } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { basename, join, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { contentTypeOf } from "../content-types.js";
import { HttpError } from "../errors/http-error.js";
import type { RouteRequest } from "../server-context.js";
import { pagePreloads } from "./page-preloads.js";

/** Where the page's preload tags go: before its stylesheet, the first thing it loads. */
const PRELOADS_AT = '<link rel="stylesheet"';

/**
 * `GET /`, `/index.html` and the other files of the UI folder. Only regular
 * files inside the folder are served: a path with `..`, `.` or a hidden
 * segment (encoded or not), a backslash or a NUL, a folder (no listing) and a
 * symlink whose target lies outside the folder are all 404.
 */
export async function serveStatic({ req, res, target, context }: RouteRequest): Promise<void> {
  const path = await resolveFile(context.uiRoot, target.pathname);
  const info = path === undefined ? undefined : await stat(path).catch(() => undefined);
  if (path === undefined || info === undefined || !info.isFile()) throw notFound();
  if (basename(path) === "index.html") {
    await servePage(req.method === "HEAD", res, path, target.search);
    return;
  }
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

/** The page, with the preload tags of the data the view its query names reads first. */
async function servePage(
  head: boolean,
  res: RouteRequest["res"],
  path: string,
  search: URLSearchParams,
): Promise<void> {
  const page = await readFile(path, "utf8");
  const at = page.indexOf(PRELOADS_AT);
  const body = Buffer.from(
    at < 0 ? page : `${page.slice(0, at)}${pagePreloads(search)}\n    ${page.slice(at)}`,
    "utf8",
  );
  res.statusCode = 200;
  res.setHeader("Content-Type", contentTypeOf(path));
  res.setHeader("Content-Length", body.length);
  res.setHeader("Cache-Control", "no-cache");
  res.end(head ? undefined : body);
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
  const segments = decoded.split("/").filter((segment) => segment !== "");
  if (segments.some((segment) => segment.startsWith("."))) return undefined;
  const relative = segments.length === 0 ? "index.html" : segments.join("/");
  const real = await realpath(join(root, relative)).catch(() => undefined);
  return real?.startsWith(root + sep) ? real : undefined;
}

function notFound(): HttpError {
  return new HttpError("NOT_FOUND", "no such page");
}
