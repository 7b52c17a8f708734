import { isPlainObject } from "@phaser/events-core/store-kit";

/**
 * @internal Returns a copy of `payload` with the fields `changes` computes from
 * it set on top. Anything that is not a plain object (possible only past the
 * types) is passed on as it is for core to judge: core rejects a string or an
 * array with an `EventValidationError` naming `data`, and treats `null` or
 * `undefined` as `{}`.
 */
export function amendPayload<P, C extends Readonly<Record<string, unknown>>>(
  payload: P,
  changes: (data: Readonly<Record<string, unknown>>) => C,
): P & C {
  if (!isPlainObject(payload)) return payload as P & C;
  return { ...payload, ...changes(payload) } as P & C;
}
