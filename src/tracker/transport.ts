// the real network: fetch for normal sends, sendBeacon for a closing page
import type { Transport, TransportResponse } from "./types.js";

/**
 * fetch/sendBeacon with a text/plain body and no credentials: a CORS "simple request", so no preflight ever.
 * @example createFetchTransport().send(url, body, { keepalive: true, signal })
 */
export function createFetchTransport(): Transport {
  const nav = globalThis.navigator;
  const beacon = typeof nav?.sendBeacon === "function" ? nav.sendBeacon.bind(nav) : null;
  return {
    async send(url, body, init): Promise<TransportResponse> {
      const res = await fetch(url, {
        method: "POST",
        body, // a string body is sent as text/plain;charset=UTF-8
        keepalive: init.keepalive,
        credentials: "omit",
        mode: "cors",
        signal: init.signal,
      });
      let parsed: unknown = null;
      try {
        parsed = await res.json();
      } catch {
        // a body we cannot read changes nothing: the status decides
      }
      return { status: res.status, retryAfter: res.headers.get("retry-after"), body: parsed };
    },
    beacon: beacon ? (url, body) => beacon(url, body) : null,
  };
}
