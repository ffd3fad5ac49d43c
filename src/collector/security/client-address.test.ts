import { describe, expect, it } from "vitest";
import { addressKey, clientAddress, parseTrustedProxies } from "./client-address.js";

describe("parseTrustedProxies", () => {
  it("reads IPv4 and IPv6 addresses and ranges", () => {
    expect(parseTrustedProxies("10.0.0.0/8, 127.0.0.1 ,2001:db8::/32,::1").cidrs).toEqual([
      "10.0.0.0/8",
      "127.0.0.1/32",
      "2001:db8::/32",
      "::1/128",
    ]);
  });

  it("reads an IPv4-mapped IPv6 address as the IPv4 address", () => {
    expect(parseTrustedProxies("::ffff:10.1.2.3").cidrs).toEqual(["10.1.2.3/32"]);
  });

  it.each(["10.0.0.0/33", "10.0.0/8", "example.com", "10.0.0.0/8/1", "2001:db8::/129", "10.0.0.1/"])("refuses %s by name", (bad) => {
    expect(() => parseTrustedProxies(bad)).toThrow(`"${bad}" is not an IP address or CIDR range`);
  });
});

describe("clientAddress", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8,2001:db8:ffff::/48");

  it("ignores X-Forwarded-For without trusted proxies", () => {
    expect(clientAddress("198.51.100.7", "1.2.3.4")).toBe("198.51.100.7");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress("198.51.100.7", "1.2.3.4", proxies)).toBe("198.51.100.7");
  });

  it("takes the rightmost untrusted hop, never the client-written leftmost one", () => {
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1", proxies)).toBe("198.51.100.7");
  });

  it("handles IPv6 peers and hops, with brackets and ports", () => {
    expect(clientAddress("2001:db8:ffff::1", "[2001:db8:1::5]:443", proxies)).toBe("2001:db8:1::5");
    expect(clientAddress("::ffff:10.0.0.2", "203.0.113.5:5000", proxies)).toBe("203.0.113.5");
  });

  it("unmaps an IPv4-mapped socket address", () => {
    expect(clientAddress("::ffff:198.51.100.7", undefined)).toBe("198.51.100.7");
  });

  it("stops at garbage rather than reading further left", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.7, not-an-ip", proxies)).toBe("10.0.0.2");
  });
});

describe("addressKey", () => {
  it("keeps IPv4 addresses whole (/32)", () => {
    expect(addressKey("198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
  });

  it("counts IPv6 addresses by their /64", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });
});
