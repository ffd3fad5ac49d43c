// who is calling: the socket's address, or the nearest X-Forwarded-For hop that is not one of our own proxies
import { BlockList, isIP } from "node:net";

/** the proxies in front of the collector, parsed once from `--trusted-proxies` */
export type TrustedProxies = { list: BlockList; cidrs: readonly string[] };

/** an IPv4 address written as IPv6 (::ffff:192.0.2.1) is the IPv4 address */
function unmap(ip: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return m ? m[1]! : ip;
}

/** a forwarded hop as written by proxies: may carry a port ("1.2.3.4:5678", "[::1]:80") or a zone */
function cleanHop(hop: string): string {
  let h = hop.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracket) h = bracket[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(h)) h = h.slice(0, h.lastIndexOf(":"));
  return unmap(h.replace(/%.*$/, ""));
}

/**
 * Parse `--trusted-proxies`: comma-separated addresses or CIDR ranges, IPv4 or IPv6. Throws with the bad entry named.
 * @example const proxies = parseTrustedProxies("10.0.0.0/8, 2001:db8::/32, 127.0.0.1");
 */
export function parseTrustedProxies(spec: string): TrustedProxies {
  const list = new BlockList();
  const cidrs: string[] = [];
  for (const raw of spec.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = "", prefixText, extra] = entry.split("/");
    const ip = unmap(address);
    const family = isIP(ip);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max || prefixText === "") {
      throw new Error(`--trusted-proxies: "${entry}" is not an IP address or CIDR range such as 10.0.0.0/8 or 2001:db8::/32`);
    }
    list.addSubnet(ip, prefix, family === 4 ? "ipv4" : "ipv6");
    cidrs.push(`${ip}/${prefix}`);
  }
  return { list, cidrs };
}

function trusted(proxies: TrustedProxies, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && proxies.list.check(ip, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address. Without trusted proxies, the socket's: X-Forwarded-For is whatever the client wrote.
 * Behind trusted proxies, walk X-Forwarded-For from the right (the hops our proxies appended) and take the first
 * address that is not a trusted proxy; the leftmost hops are the client's own writing and never trusted.
 * @example clientAddress("203.0.113.9", "6.6.6.6, 198.51.100.7", proxies) // "198.51.100.7" when 203.0.113.9 is trusted
 */
export function clientAddress(socket: string | undefined, forwardedFor: string | undefined, proxies?: TrustedProxies): string {
  const peer = socket ? cleanHop(socket) : "unknown";
  if (!proxies || !trusted(proxies, peer)) return peer;
  const hops = (forwardedFor ?? "").split(",").map(cleanHop).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // garbage in the chain: stop at the last address we can vouch for rather than read further left
    if (!isIP(hop)) return peer;
    if (!trusted(proxies, hop)) return hop;
  }
  // every hop is ours (a health check from inside): the leftmost one is as close as we get
  return hops[0] ?? peer;
}

/** an IPv6 address as its eight 16-bit groups, or undefined when it is not one (an embedded IPv4 tail takes two groups) */
function ipv6Groups(ip: string): number[] | undefined {
  if (isIP(ip) !== 6) return undefined;
  let text = ip.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail = ""] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = text.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return groups.map((g) => Number.parseInt(g, 16));
}

/** the first `bits` (48, 56 or 64) of IPv6 groups as a key: "2001:db8:77:100::/56" */
function prefixText(groups: readonly number[], bits: 48 | 56 | 64): string {
  const kept = groups.slice(0, bits === 48 ? 3 : 4);
  if (bits === 56) kept[3] = kept[3]! & 0xff00;
  return `${kept.map((g) => g.toString(16)).join(":")}::/${bits}`;
}

/**
 * The key an address is counted under: an IPv4 address as is, an IPv6 address by its /64. A /64 is one subscriber line
 * at best (a phone, or one network of a home), never less: counting single IPv6 addresses would let one device rotate
 * through millions. Homes and tunnels hold many /64s, which enclosingKeys counts too.
 * @example addressKey("2001:db8:1:2:aaaa::1") // "2001:db8:1:2::/64"
 */
export function addressKey(ip: string): string {
  const v4 = unmap(ip);
  if (isIP(v4) === 4) return v4;
  const groups = ipv6Groups(ip);
  return groups ? prefixText(groups, 64) : ip;
}

/** the IPv6 prefixes a /64 is counted under besides itself, narrowest first */
export const ENCLOSING_PREFIXES = [56, 48] as const;
export type EnclosingPrefix = (typeof ENCLOSING_PREFIXES)[number];

/**
 * The enclosing /56 and /48 of an IPv6 address or address key, in that order; none for IPv4 (or anything else). A home
 * router is often delegated a /56 (RIPE-690 advises a /48 or /56 per customer), and a free tunnel broker routes a /48 to
 * anyone, so each of these is one home or one person at worst.
 * @example enclosingKeys("2001:db8:77:1ab::/64") // ["2001:db8:77:100::/56", "2001:db8:77::/48"]
 */
export function enclosingKeys(key: string): { bits: EnclosingPrefix; key: string }[] {
  const groups = ipv6Groups(key.replace(/\/\d+$/, ""));
  return groups ? ENCLOSING_PREFIXES.map((bits) => ({ bits, key: prefixText(groups, bits) })) : [];
}

/**
 * Whether two address keys (or addresses) are one network for referrals: the same IPv4 address, or the same IPv6 /48.
 * An IPv4 key and an IPv6 key never are, although a dual-stack home has both.
 * @example sameNetwork("2001:db8:77:100::/64", "2001:db8:77:ff00::/64") // true
 */
export function sameNetwork(a: string, b: string): boolean {
  if (a === b) return true;
  const [wideA, wideB] = [enclosingKeys(a).at(-1), enclosingKeys(b).at(-1)];
  return wideA !== undefined && wideA.key === wideB?.key;
}

/** the largest count an integer column holds: a multiplied allowance above it means no limit */
const MAX_COUNT = 2_147_483_647;

/**
 * What one request from `key` counts against: the key with `limit`, and for IPv6 its /56 and /48 with `limit` times their
 * multiplier (`prefixes`; false counts the key alone), narrowest first: the order rows are counted and locked in.
 * @example addressAllowances("2001:db8:77:1ab::/64", 2, { 56: 4, 48: 16 }) // [{ key: "…/64", limit: 2 }, { key: "2001:db8:77:100::/56", limit: 8 }, { key: "2001:db8:77::/48", limit: 32 }]
 */
export function addressAllowances(
  key: string,
  limit: number,
  prefixes: Readonly<Record<EnclosingPrefix, number>> | false,
): { key: string; limit: number }[] {
  const wider = prefixes ? enclosingKeys(key).map((p) => ({ key: p.key, limit: Math.min(MAX_COUNT, limit * prefixes[p.bits]) })) : [];
  return [{ key, limit }, ...wider];
}
