/**
 * The `<link rel="preload">` tags of the page a request asks for: the data
 * its view reads first, fetched while the browser is still loading the
 * page's script instead of after it ran. The page's own `fetch` of the same
 * URL (same origin, same mode and credentials) takes the preloaded response.
 *
 * Every page reads the audits' rows; a deep link to an audit (`?audit=…`, the
 * audit view as `parseRoute` in the UI reads it) also reads that audit.
 */
export function pagePreloads(search: URLSearchParams): string {
  const paths = ["/api/audits"];
  const audit = search.get("audit");
  const view = search.get("view");
  if (audit !== null && audit.trim() !== "" && view !== "audits" && view !== "insights") {
    // encodeURIComponent leaves no `"`, `<`, `>` or `&`: the attribute holds it as it is.
    paths.push(`/api/audits/${encodeURIComponent(audit)}`);
  }
  return paths
    .map((path) => `<link rel="preload" href="${path}" as="fetch" crossorigin>`)
    .join("\n    ");
}
