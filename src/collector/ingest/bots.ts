// user agents of crawlers, headless browsers and scripts: their events are kept but left out of stats
const BOT =
  /bot\b|bot\/|crawl|spider|slurp|headless|phantomjs|lighthouse|puppeteer|playwright|selenium|webdriver|python-requests|python-urllib|curl\/|wget\/|go-http-client|java\/|okhttp|scrapy|facebookexternalhit|preview/i;

/**
 * Whether a User-Agent header names an automated client.
 * @example isBotAgent("Mozilla/5.0 (compatible; Googlebot/2.1)") // true
 */
export function isBotAgent(userAgent: string | undefined | null): boolean {
  return !!userAgent && BOT.test(userAgent);
}
