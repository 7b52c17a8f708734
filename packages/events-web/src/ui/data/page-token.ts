/** Where the page keeps its server's token: this origin's storage (scheme, host and port). */
const STORAGE_KEY = "phaser-events-token";

/**
 * The token the page's server asks for, if any: from the address's fragment
 * (`#token=…`, as the server prints its URL), which is then taken out of the
 * address bar and the history, else the one this origin kept. Kept in
 * `localStorage`, which pages of other ports or sites cannot read (a cookie
 * would be sent to every port of the host), so links opened in new tabs
 * work too. A browser that refuses storage keeps it for this page only.
 */
export function takePageToken(
  where: Pick<Location, "hash" | "pathname" | "search"> = location,
  storage: Pick<Storage, "getItem" | "setItem"> | undefined = safeStorage(),
  replaceUrl: (url: string) => void = (url) => history.replaceState(history.state, "", url),
): string | undefined {
  const given = new URLSearchParams(where.hash.slice(1)).get("token");
  if (given !== null && given !== "") {
    try {
      storage?.setItem(STORAGE_KEY, given);
    } catch {
      // Storage full or refused: the token serves this page.
    }
    replaceUrl(`${where.pathname}${where.search}`);
    return given;
  }
  try {
    return storage?.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** `localStorage`, or undefined where reading it throws (storage blocked). */
function safeStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
