// watch what actually leaves the page: wrap fetch and sendBeacon, and report every batch sent to the collector
import type { EngagementEvent } from "../src/core/index.js";

export type SentBatch = { via: "fetch" | "beacon"; events: EngagementEvent[] };

/** decode a request body the tracker sent (text/plain JSON) */
async function readBody(body: BodyInit | null | undefined): Promise<unknown> {
  if (body === null || body === undefined) return null;
  const text = typeof body === "string" ? body : await new Response(body).text();
  return JSON.parse(text);
}

/**
 * Report batches posted to URLs starting with `endpoint`. Returns a function that restores the originals.
 * @example
 * const restore = captureBatches("http://127.0.0.1:8787/v1/events", (b) => console.log(b.events));
 */
export function captureBatches(endpoint: string, onBatch: (batch: SentBatch) => void): () => void {
  const originalFetch = window.fetch;
  const originalBeacon = navigator.sendBeacon?.bind(navigator);
  const report = (via: SentBatch["via"], body: BodyInit | null | undefined) => {
    readBody(body)
      .then((parsed) => {
        const events = (parsed as { events?: EngagementEvent[] } | null)?.events;
        if (Array.isArray(events)) onBatch({ via, events });
      })
      .catch(() => {}); // not a batch: nothing to show
  };
  window.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(endpoint) && init?.method === "POST") report("fetch", init.body);
    return originalFetch(input, init);
  };
  if (originalBeacon) {
    navigator.sendBeacon = (url, data) => {
      if (String(url).startsWith(endpoint)) report("beacon", data);
      return originalBeacon(url, data);
    };
  }
  return () => {
    window.fetch = originalFetch;
    if (originalBeacon) navigator.sendBeacon = originalBeacon;
  };
}
