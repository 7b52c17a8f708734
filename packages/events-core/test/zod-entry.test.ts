import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PAYLOAD_FIELDS } from "../src/index.js";
import { emitPayloadSchemas, payloadSchemas } from "../src/zod.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/**
 * Every module URL a fresh Node process resolves while it imports `specifier` (the built
 * package, by its own name), reported by a module hook over a MessagePort and drained
 * synchronously once the import has settled.
 */
function modulesLoadedBy(specifier: string): string[] {
  const hook = [
    "let port;",
    "export function initialize(data) { port = data.port; }",
    "export async function resolve(specifier, context, next) {",
    "  const resolved = await next(specifier, context);",
    "  port.postMessage(resolved.url);",
    "  return resolved;",
    "}",
  ].join("\n");
  const script = `
    import { register } from "node:module";
    import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
    const { port1, port2 } = new MessageChannel();
    register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)}, {
      data: { port: port2 },
      transferList: [port2],
    });
    await import(${JSON.stringify(specifier)});
    const urls = [];
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) urls.push(m.message);
    port1.close();
    process.stdout.write(JSON.stringify(urls));
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: PACKAGE_DIR,
    encoding: "utf8",
  });
  return JSON.parse(out) as string[];
}

const isZod = (url: string) =>
  /\/node_modules\/(\.pnpm\/zod@[^/]+\/node_modules\/)?zod\//.test(url);

describe("@phaser/events-core/zod", () => {
  it("is the only entry that loads zod: importing core or its store kit never does", () => {
    const core = modulesLoadedBy("@phaser/events-core");
    expect(core.some((url) => url.endsWith("/dist/index.js"))).toBe(true);
    expect(core.filter(isZod)).toEqual([]);
    expect(modulesLoadedBy("@phaser/events-core/store-kit").filter(isZod)).toEqual([]);
    expect(modulesLoadedBy("@phaser/events-core/zod").some(isZod)).toBe(true);
  }, 30_000);

  it("has a schema per event type, lenient like a store, strict like emit", () => {
    expect(Object.keys(payloadSchemas).sort()).toEqual(Object.keys(PAYLOAD_FIELDS).sort());
    const partial = { project: "p" };
    expect(payloadSchemas.audit_started.safeParse(partial).success).toBe(true);
    expect(emitPayloadSchemas.audit_started.safeParse(partial).success).toBe(false);
    expect(payloadSchemas.audit_started.safeParse({ project: 1 }).success).toBe(false);
  });
});
