/**
 * A random (version 4) UUID, as a record's `id`: Web Crypto's
 * `randomUUID()` where it exists (Node, and browsers on https or localhost),
 * otherwise built from `getRandomValues()` (a page served over plain http,
 * where browsers leave `randomUUID` out). No library: loading `uuid` cost
 * every CLI process about 45 ms of CPU, and it calls the same function.
 */
export function randomUuid(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // the RFC 9562 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
