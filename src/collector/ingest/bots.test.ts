import { expect, it } from "vitest";
import { isBotAgent } from "./bots.js";

it("tells crawlers and headless browsers from people's browsers", () => {
  const bots = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
    "curl/8.5.0",
    "python-requests/2.31",
  ];
  const people = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0",
  ];
  expect(bots.map(isBotAgent)).toEqual(bots.map(() => true));
  expect(people.map(isBotAgent)).toEqual(people.map(() => false));
  expect(isBotAgent(undefined)).toBe(false);
});
