type Step = { readonly text: string } | { readonly value: unknown };

/**
 * `JSON.stringify` for parsed JSON of any depth. The built-in recurses and
 * overflows the stack on values nested thousands deep; a file can hold such a
 * record, and the store must still write it back exactly. Iterative, with an
 * explicit stack. Only for values that came from `JSON.parse`.
 */
export function stringifyDeep(root: unknown): string {
  const out: string[] = [];
  const stack: Step[] = [{ value: root }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if ("text" in step) {
      out.push(step.text);
      continue;
    }
    const { value } = step;
    if (Array.isArray(value)) {
      stack.push({ text: "]" });
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i] });
        if (i > 0) stack.push({ text: "," });
      }
      stack.push({ text: "[" });
    } else if (typeof value === "object" && value !== null) {
      const keys = Object.keys(value);
      stack.push({ text: "}" });
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: (value as Record<string, unknown>)[key] });
        stack.push({ text: `${i > 0 ? "," : ""}${JSON.stringify(key)}:` });
      }
      stack.push({ text: "{" });
    } else {
      out.push(JSON.stringify(value));
    }
  }
  return out.join("");
}

/** `JSON.stringify`, falling back to {@link stringifyDeep} when the value is too deep for it. */
export function stringifyAnyDepth(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return stringifyDeep(value);
    throw error;
  }
}
