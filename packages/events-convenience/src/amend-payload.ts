import { isPlainObject } from "@phaser/events-core";

/**
 * @internal Returns a copy of `payload` with the fields `changes` computes from
 * it set on top. Anything that is not a plain object (possible only past the
 * types) is passed on as it is for core to judge: core rejects a string or an
 * array with an `EventValidationError` naming `data`, and treats `null` or
 * `undefined` as `{}`.
 */
export function amendPayload<P>(
  payload: P,
  changes: (data: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>,
): P {
  if (!isPlainObject(payload)) return payload;
  return { ...payload, ...changes(payload) };
}
