import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { networkUrls } from "./serve.js";

const address = (family: "IPv4" | "IPv6", value: string, internal = false): NetworkInterfaceInfo =>
  ({
    family,
    address: value,
    internal,
    netmask: "",
    mac: "",
    cidr: null,
    scopeid: 0,
  }) as NetworkInterfaceInfo;

const INTERFACES = {
  lo: [address("IPv4", "127.0.0.1", true), address("IPv6", "::1", true)],
  eth0: [
    address("IPv4", "192.168.1.20"),
    address("IPv6", "fe80::1c2f:a4ff:fe3b:9d01"),
    address("IPv6", "2001:db8::20"),
  ],
};

describe("serve's network URLs", () => {
  const server = (host: string) => ({ host, port: 4820, url: "http://127.0.0.1:4820/#token=t" });

  it("lists the external addresses of the family bound, with the token, and no link-local IPv6 (it needs a zone)", () => {
    expect(networkUrls(server("0.0.0.0"), INTERFACES)).toEqual([
      "http://192.168.1.20:4820/#token=t",
    ]);
    expect(networkUrls(server("::"), INTERFACES)).toEqual([
      "http://192.168.1.20:4820/#token=t",
      "http://[2001:db8::20]:4820/#token=t",
    ]);
    expect(networkUrls(server("127.0.0.1"), INTERFACES)).toEqual([]);
  });
});
