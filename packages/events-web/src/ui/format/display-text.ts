import { stripTerminalControls } from "@phaser/events-convenience";

/**
 * A stored string made fit to show: what a terminal would act on (colours,
 * OSC 52 clipboard writes, screen clears, other control characters) removed,
 * tabs and line breaks kept. The result is still only ever rendered as text.
 */
export function displayText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return stripTerminalControls(typeof value === "string" ? value : String(value));
}
