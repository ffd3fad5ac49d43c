// one browser, several people, in Chromium against a real collector: a win kept for a reload is shown again to the
// one who won it, never to the next member who logs in on the same browser
import { SignJWT } from "jose";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium, startStaticServer, startTestCollector, type StaticServer, type TestCollector } from "./harness.js";
import { hostPage } from "./pages.js";

const SECRET = "e2e-member-secret-e2e-member-secret";
const campaign = (id: string, identity: "member" | "anonymous") => ({
  id,
  game: "wheel",
  locale: "en",
  mode: "server",
  identity,
  prizes: [
    { id: "voucher", label: "Voucher", weight: 1, codes: [`${id}-CODE-1`, `${id}-CODE-2`] },
    { id: "none", label: "Next time", weight: 0, win: false },
  ],
  fallbackPrizeId: "none",
  limits: { perVisitor: { total: 1 } },
});
const MEMBER = campaign("e2e-member", "member");
const ANONYMOUS = campaign("e2e-anon", "anonymous");

let browser: Browser;
let server: StaticServer;
let collector: TestCollector;

const memberToken = (sub: string, expires = "1h") =>
  new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setExpirationTime(expires).sign(new TextEncoder().encode(SECRET));

beforeAll(async () => {
  collector = await startTestCollector({ campaigns: [MEMBER, ANONYMOUS], member: { secret: SECRET } });
  const root = collector.url;
  server = await startStaticServer();
  browser = await launchChromium();
  const page = (id: string, token?: string) =>
    hostPage({
      attrs: {
        "data-campaign": `${root}/v1/campaigns/${id}`,
        "data-target": "#slot",
        "data-collector": `${root}/v1/events`,
        ...(token ? { "data-member-token": token } : {}),
      },
      body: `<div id="slot"></div>`,
    });
  server.route("/e2e/alice.html", page(MEMBER.id, await memberToken("alice")));
  server.route("/e2e/bob.html", page(MEMBER.id, await memberToken("bob")));
  // the brand's next page signs Alice a fresh short-lived token: another token, the same member
  const again = await memberToken("alice", "2h");
  expect(again).not.toBe(await memberToken("alice"));
  server.route("/e2e/alice-again.html", page(MEMBER.id, again));
  server.route("/e2e/anonymous.html", page(ANONYMOUS.id));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
});

/** spin on a fresh page and return the code won */
async function winOn(page: Page, path: string): Promise<string> {
  await page.goto(server.url + path);
  await page.getByRole("button", { name: "Spin the wheel" }).click();
  const code = page.locator(".mg-code-text");
  await code.waitFor({ timeout: 20_000 });
  return (await code.evaluate((el) => el.lastChild?.textContent ?? "")).trim();
}

/** reload `path` and say whether the widget offers an unclaimed win again, and with which code */
async function savedWinOn(page: Page, path: string): Promise<string | null> {
  await page.goto(server.url + path);
  const card = page.locator("#slot .mg-card");
  // the widget takes the painted wheel over at once for a win to show again, else at the visitor's first reach
  await card.hover();
  await expect.poll(() => card.textContent(), { timeout: 15_000 }).toMatch(/play left|plays left|used all your plays/);
  if ((await page.getByRole("button", { name: "Show my code" }).count()) === 0) return null;
  await page.getByRole("button", { name: "Show my code" }).click();
  const code = page.locator(".mg-code-text");
  await code.waitFor();
  return (await code.evaluate((el) => el.lastChild?.textContent ?? "")).trim();
}

it("shows an anonymous visitor their unclaimed win again after a reload", async () => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  const code = await winOn(page, "/e2e/anonymous.html");
  expect(code).toMatch(/^e2e-anon-CODE-/);
  expect(await savedWinOn(page, "/e2e/anonymous.html")).toBe(code);
  await context.close();
});

it("shows a member's unclaimed win to that member only, never to the next member on the same browser", async () => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const alices = await winOn(page, "/e2e/alice.html");
  expect(alices).toMatch(/^e2e-member-CODE-/);
  // Alice reloads: her win, with its code, is one tap away; so on the next page, under a freshly signed token
  expect(await savedWinOn(page, "/e2e/alice.html")).toBe(alices);
  expect(await savedWinOn(page, "/e2e/alice-again.html")).toBe(alices);

  // Alice logs out, Bob logs in on the same browser: a play of his own, nothing of hers
  expect(await savedWinOn(page, "/e2e/bob.html")).toBeNull();
  await expect.poll(() => page.locator("#slot .mg-card").textContent()).toContain("1 play left");
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain(alices);
  expect(stored).not.toContain("member:alice"); // her signed result token names her
  expect(errors).toEqual([]);
  await context.close();
});
