import { describe, expect, it } from "vitest";
import { addressAllowances, addressKey, clientAddress, enclosingKeys, parseTrustedProxies, sameNetwork } from "./client-address.js";

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

describe("enclosingKeys and addressAllowances", () => {
  it("names an IPv6 address's /56 and /48, from the address or its /64 key", () => {
    const wider = [
      { bits: 56, key: "2001:db8:77:100::/56" },
      { bits: 48, key: "2001:db8:77::/48" },
    ];
    expect(enclosingKeys("2001:db8:77:1ab::/64")).toEqual(wider);
    expect(enclosingKeys("2001:0db8:0077:01ab:ffff::1")).toEqual(wider);
    expect(enclosingKeys(addressKey("2001:db8::1"))).toEqual([
      { bits: 56, key: "2001:db8:0:0::/56" },
      { bits: 48, key: "2001:db8:0::/48" },
    ]);
  });

  it("reads an embedded IPv4 tail as the address's last two groups", () => {
    expect(addressKey("2001:db8:1:2::192.0.2.1")).toBe("2001:db8:1:2::/64");
    expect(enclosingKeys("64:ff9b:1:2ff::192.0.2.1").map((p) => p.key)).toEqual(["64:ff9b:1:200::/56", "64:ff9b:1::/48"]);
  });

  it("leaves IPv4 addresses and anything else alone", () => {
    expect(enclosingKeys("198.51.100.7")).toEqual([]);
    expect(enclosingKeys("unknown")).toEqual([]);
    expect(addressAllowances("198.51.100.7", 200, { 56: 4, 48: 16 })).toEqual([{ key: "198.51.100.7", limit: 200 }]);
  });

  it("gives the /56 and /48 the address's limit times their multipliers, narrowest first, or nothing when turned off", () => {
    expect(addressAllowances("2001:db8:77:1ab::/64", 2, { 56: 4, 48: 16 })).toEqual([
      { key: "2001:db8:77:1ab::/64", limit: 2 },
      { key: "2001:db8:77:100::/56", limit: 8 },
      { key: "2001:db8:77::/48", limit: 32 },
    ]);
    expect(addressAllowances("2001:db8:77:1ab::/64", 2, false)).toEqual([{ key: "2001:db8:77:1ab::/64", limit: 2 }]);
    // a limit an integer column cannot hold is no limit
    expect(addressAllowances("2001:db8:77:1ab::/64", 2_000_000_000, { 56: 4, 48: 16 })[2]!.limit).toBe(2_147_483_647);
  });
});

describe("sameNetwork", () => {
  it("is the same IPv4 address, or the same IPv6 /48", () => {
    expect(sameNetwork("198.51.100.7", "198.51.100.7")).toBe(true);
    expect(sameNetwork("198.51.100.7", "198.51.100.8")).toBe(false);
    expect(sameNetwork("2001:db8:77:100::/64", "2001:db8:77:ff00::/64")).toBe(true);
    expect(sameNetwork("2001:db8:77:100::/64", "2001:db8:78:100::/64")).toBe(false);
  });

  it("never matches an IPv4 address with an IPv6 one (a dual-stack home has both)", () => {
    expect(sameNetwork("198.51.100.7", "2001:db8:77:100::/64")).toBe(false);
  });
});
