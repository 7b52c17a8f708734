import htm from "htm";
import { h, type VNode } from "preact";

/**
 * Preact's `h` behind tagged templates: components read like HTML, need no JSX
 * compile step, and, like JSX, every `${value}` in a text position is a text
 * node, so stored strings are never parsed as markup.
 */
export const html = htm.bind(h) as (strings: TemplateStringsArray, ...values: unknown[]) => VNode;
