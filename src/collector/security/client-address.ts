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

/**
 * The key an address is counted under: an IPv4 address as is, an IPv6 address by its /64 (one home or phone
 * is given a whole /64, so counting single IPv6 addresses would let one device rotate through millions).
 * @example addressKey("2001:db8:1:2:aaaa::1") // "2001:db8:1:2::/64"
 */
export function addressKey(ip: string): string {
  const v4 = unmap(ip);
  if (isIP(v4) === 4) return v4;
  if (isIP(ip) !== 6) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // an embedded IPv4 tail takes two groups
  if (right.at(-1)?.includes(".") || left.at(-1)?.includes(".")) return ip.toLowerCase();
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
