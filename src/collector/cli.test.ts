import { afterEach, expect, it, vi } from "vitest";
import { main } from "./cli.js";

afterEach(() => vi.restoreAllMocks());

const capture = () => {
  let err = "";
  let out = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  return { err: () => err, out: () => out };
};

it("prints help and exits 0", async () => {
  const io = capture();
  expect(await main(["--help"], {})).toBe(0);
  expect(io.out()).toMatch(/--campaigns <paths>/);
});

it("exits 2 on unknown flags and bad ports, naming them", async () => {
  const io = capture();
  expect(await main(["--prot", "80"], {})).toBe(2);
  expect(io.err()).toMatch(/--prot/);
  expect(await main(["--port", "99999"], {})).toBe(2);
  expect(io.err()).toMatch(/--port must be a whole number from 0 to 65535, got 99999/);
});

it("exits 1 without starting when a campaign path does not exist", async () => {
  const io = capture();
  expect(await main(["--campaigns", "/no/such/dir"], {})).toBe(1);
  expect(io.err()).toMatch(/invalid campaigns, not starting:\n {2}\/no\/such\/dir: no such file or directory/);
});

it("exits 2 on the old --trust-proxy, a bad --trusted-proxies entry or an unreadable member key, naming them", async () => {
  const io = capture();
  expect(await main(["--trust-proxy"], {})).toBe(2);
  expect(io.err()).toMatch(/--trusted-proxies <cidr,…>/);
  expect(await main(["--trusted-proxies", "10.0.0.0/8,10.0.0/33"], {})).toBe(2);
  expect(io.err()).toMatch(/"10.0.0\/33" is not an IP address or CIDR range/);
  expect(await main(["--member-jwt-public-key", "/no/such/key.pem"], {})).toBe(2);
  expect(io.err()).toMatch(/--member-jwt-public-key: cannot read a PEM public key from \/no\/such\/key.pem/);
});

it("takes every path after --campaigns, as a shell glob gives them, and checks each", async () => {
  const io = capture();
  expect(await main(["--campaigns", "/no/such/a.json", "/no/such/b.json"], {})).toBe(1);
  expect(io.err()).toMatch(/\/no\/such\/a\.json: no such file or directory/);
  expect(io.err()).toMatch(/\/no\/such\/b\.json: no such file or directory/);
});

it("takes claim keys as <campaignId>=<key> pairs, never echoing a malformed one, and refuses a key for no campaign", async () => {
  const io = capture();
  expect(await main(["--claim-key", "secret-key-without-a-campaign"], {})).toBe(2);
  expect(io.err()).toMatch(/--claim-key and MINIGAME_CLAIM_KEYS take <campaignId>=<key> pairs/);
  expect(io.err()).not.toMatch(/secret-key-without-a-campaign/);
  expect(await main(["--port", "0"], { MINIGAME_CLAIM_KEYS: "ghost=0123456789abcdef0123" })).toBe(1);
  expect(io.err()).toMatch(/could not start: invalid keys:\nclaimKeys.ghost: no campaign "ghost" is configured/);
  // a pair for `__proto__` is a key for no campaign, not a change to the options' prototype
  expect(await main(["--port", "0", "--claim-key", "__proto__=0123456789abcdef0123"], {})).toBe(1);
  expect(io.err()).toMatch(/claimKeys.__proto__: no campaign "__proto__" is configured/);
});

it("refuses --nats without DATABASE_URL, since the queue's consumers write to PostgreSQL", async () => {
  const io = capture();
  expect(await main(["--nats", "nats://127.0.0.1:4222"], {})).toBe(2);
  expect(io.err()).toMatch(/--nats \(NATS_URL\) feeds PostgreSQL: set DATABASE_URL as well/);
  expect(await main([], { NATS_URL: "nats://127.0.0.1:4222" })).toBe(2);
  expect(io.out()).toMatch(/^$/);
});
