import type pg from "pg";
import { quoteIdent } from "./sql-names.js";

const MIN_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 5000;

/**
 * Keeps a LISTEN connection on `channel` and calls `wake` on every
 * notification, and once each time the connection is (re)opened (what was
 * appended while it was down). A dropped connection is reported and reopened
 * with exponential backoff. Only a latency optimisation: a watch reads the
 * table on its poll whatever happens here. Returns how to stop it.
 */
export function listenChannel(
  pool: pg.Pool,
  channel: string,
  wake: () => void,
  report: (error: unknown) => void,
): () => void {
  let stopped = false;
  let reconnect: NodeJS.Timeout | undefined;
  let backoff = MIN_BACKOFF_MS;
  /** Closes the LISTEN connection, when one is open. */
  let closeListening: (() => void) | undefined;

  const scheduleReconnect = () => {
    if (stopped) return;
    reconnect = setTimeout(() => void listen(), backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  const listen = async () => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      report(error);
      scheduleReconnect();
      return;
    }
    if (stopped) {
      client.release();
      return;
    }
    let closed = false;
    const onNotification = () => wake();
    const onEnd = () => drop(new Error("the LISTEN connection ended"));
    const ignore = () => undefined;
    /** Ends this connection for good (a LISTEN dies with its session). */
    const close = () => {
      if (closed) return false;
      closed = true;
      closeListening = undefined;
      client.off("notification", onNotification);
      client.off("error", drop);
      client.off("end", onEnd);
      client.on("error", ignore);
      client.release(true);
      return true;
    };
    const drop = (error: unknown) => {
      if (!close()) return;
      report(error);
      scheduleReconnect();
    };
    client.on("notification", onNotification);
    client.on("error", drop);
    client.on("end", onEnd);
    try {
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      drop(error);
      return;
    }
    if (stopped) {
      close();
      return;
    }
    closeListening = close;
    backoff = MIN_BACKOFF_MS;
    wake(); // what was appended while the connection was down
  };

  void listen();
  return () => {
    stopped = true;
    clearTimeout(reconnect);
    closeListening?.();
  };
}
